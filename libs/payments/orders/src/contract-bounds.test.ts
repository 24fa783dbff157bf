import { bindLocal, type ContractImplementation } from '@paybench/platform-contract';
import { describe, expect, it } from 'vitest';
import { MAX_AMOUNT } from '@paybench/payments-purchase';
import { ordersContract, type Order } from './index.js';

// Orders' operations are served on the internal listener: a call there must meet the same
// bounds as the public API, or a caller could store what `POST /v1/checkout` refuses.

const stub = {
  createOrder: async () => ({}) as Order,
  findByIdempotencyKey: async () => ({ status: 'new' as const }),
  getOrder: async () => ({}) as Order,
  recentActivity: async () => ({ orders: 0, amount: 0 }),
} satisfies ContractImplementation<typeof ordersContract>;
const orders = bindLocal(ordersContract, stub);

const request = {
  consumerId: 'c-000001',
  merchantId: 'merchant-1',
  market: 'SE',
  paymentOption: 'pay_now',
  amount: 1_000,
  currency: 'SEK',
  items: [{ sku: 'a', name: 'A', quantity: 1, unitPrice: 1_000 }],
};
const create = {
  idempotencyKey: 'key-00000001',
  request,
  fundingSource: { id: 'fs-1', type: 'card' },
  riskScore: 100,
  terms: { kind: 'capture' },
};
/** The create input with `fields` of its purchase replaced. */
const withRequest = (fields: Record<string, unknown>) => ({ ...create, request: { ...request, ...fields } });
const manyItems = Array.from({ length: 101 }, () => ({ sku: 'a', name: 'A', quantity: 1, unitPrice: 1 }));

describe('orders.createOrder refuses what the public API refuses', () => {
  it('accepts a purchase within every bound', async () => {
    await expect(orders.createOrder(create as never)).resolves.toBeDefined();
  });

  it.each([
    ['a risk score above 1000', { ...create, riskScore: 5_000 }, /^riskScore:/],
    ['a negative risk score', { ...create, riskScore: -1 }, /^riskScore:/],
    ['an amount above the maximum', withRequest({ amount: MAX_AMOUNT + 1 }), /^request\.amount:/],
    ['a lower-case currency', withRequest({ currency: 'sek' }), /^request\.currency:/],
    ['a market that is no market code', withRequest({ market: 'SWEDEN' }), /^request\.market:/],
    ['101 line items', withRequest({ items: manyItems }), /^request\.items:/],
    [
      'a unit price above the maximum',
      withRequest({ items: [{ ...request.items[0], unitPrice: MAX_AMOUNT + 1 }] }),
      /^request\.items\.0\.unitPrice:/,
    ],
    ['a consumer id of 65 characters', withRequest({ consumerId: 'c'.repeat(65) }), /^request\.consumerId:/],
    ['a merchant id of 65 characters', withRequest({ merchantId: 'm'.repeat(65) }), /^request\.merchantId:/],
    ['an idempotency key shorter than 8', { ...create, idempotencyKey: 'k' }, /^idempotencyKey:/],
    ['an empty funding source id', { ...create, fundingSource: { id: '', type: 'card' } }, /^fundingSource\.id:/],
  ])('refuses %s (400 naming the field)', async (_label, input, field) => {
    const error = await orders.createOrder(input as never).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'validation_failed', status: 400 });
    expect((error as Error).message).toMatch(field);
  });
});

describe('orders.findByIdempotencyKey and recentActivity refuse the same', () => {
  it('refuses an over-long consumer id or an amount above the maximum', async () => {
    const tooMuch = { ...request, amount: MAX_AMOUNT + 1 };
    const find = orders.findByIdempotencyKey({ idempotencyKey: 'key-00000001', request: tooMuch });
    await expect(find).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/^request\.amount:/) });
    const activity = orders.recentActivity({ consumerId: 'c'.repeat(65), windowMinutes: 60 });
    await expect(activity).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/^consumerId:/) });
  });
});
