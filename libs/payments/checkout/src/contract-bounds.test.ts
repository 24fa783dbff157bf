import { AuthenticateInput } from '@paybench/payments-auth';
import { SelectSourceInput } from '@paybench/payments-funding';
import { OrderRequest } from '@paybench/payments-orders';
import { MAX_AMOUNT } from '@paybench/payments-purchase';
import { AssessInput } from '@paybench/payments-risk';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';

type ObjectSchema = z.ZodObject<z.ZodRawShape>;
import { CheckoutRequest } from './index.js';

// The public API and the internal operations it reaches agree on every field they share: a
// value the public API refuses is refused by each internal operation that carries it (served on
// the internal listeners), and one it accepts is accepted, so no internal call is looser.

const item = { sku: 'a', name: 'A', quantity: 1, unitPrice: 1_000 };
const purchase = {
  merchantId: 'm-1',
  market: 'SE',
  paymentOption: 'pay_now',
  amount: 1_000,
  currency: 'SEK',
  items: [item],
};
const limits = { maxAmount: 10_000, maxScore: 700, velocity: { windowMinutes: 60, maxOrders: 3 } };
const publicBody = { ...purchase, consumerToken: 'token', idempotencyKey: 'key-00000001' };
const internal: Record<string, { schema: ObjectSchema; valid: Record<string, unknown> }> = {
  'orders (OrderRequest)': { schema: OrderRequest, valid: { ...purchase, consumerId: 'c-000001' } },
  'risk.assess': {
    schema: AssessInput,
    valid: { ...purchase, consumerId: 'c-000001', limits },
  },
  'funding.selectSource': {
    schema: SelectSourceInput,
    valid: { consumerId: 'c-000001', currency: 'SEK', amount: 1_000, allowedTypes: ['card'] },
  },
};

const CANDIDATES: Record<string, unknown[]> = {
  merchantId: ['', 'm', 'm'.repeat(64), 'm'.repeat(65), 7],
  market: ['SE', 'se', 'S', 'SWE', 'SWEDEN', ''],
  paymentOption: ['', 'p', 'p'.repeat(64), 'p'.repeat(65)],
  amount: [1, MAX_AMOUNT, MAX_AMOUNT + 1, 0, -1, 10.5, '100'],
  currency: ['SEK', 'sek', 'SE', 'SEKK', ''],
  items: [
    [],
    [item],
    Array.from({ length: 100 }, () => item),
    Array.from({ length: 101 }, () => item),
    [{ ...item, unitPrice: MAX_AMOUNT + 1 }],
    [{ ...item, quantity: 1_001 }],
    [{ ...item, sku: 's'.repeat(65) }],
  ],
};

describe('public and internal bounds agree', () => {
  for (const [field, values] of Object.entries(CANDIDATES)) {
    it(`on ${field}`, () => {
      for (const value of values) {
        const publicAccepts = CheckoutRequest.safeParse({ ...publicBody, [field]: value }).success;
        for (const [operation, { schema, valid }] of Object.entries(internal)) {
          if (!(field in schema.shape)) continue;
          const internalAccepts = schema.safeParse({ ...valid, [field]: value }).success;
          const internalCase = { field, value, operation, accepts: internalAccepts };
          expect(internalCase).toEqual({ ...internalCase, accepts: publicAccepts });
        }
      }
    });
  }

  it('on the consumer token, which auth checks', () => {
    for (const token of ['', 't', 't'.repeat(4096), 't'.repeat(4097)]) {
      const publicAccepts = CheckoutRequest.safeParse({ ...publicBody, consumerToken: token }).success;
      const authCase = { length: token.length, accepts: AuthenticateInput.safeParse({ token }).success };
      expect(authCase).toEqual({ ...authCase, accepts: publicAccepts });
    }
  });

  it('refuses, in the public API too, what the internal operations refuse', () => {
    expect(CheckoutRequest.safeParse({ ...publicBody, amount: MAX_AMOUNT + 1 }).success).toBe(false);
    expect(CheckoutRequest.safeParse({ ...publicBody, market: 'se' }).success).toBe(false);
  });
});
