import { MAX_ACTIVITY_WINDOW_MINUTES } from '@paybench/payments-orders';
import { MAX_AMOUNT } from '@paybench/payments-purchase';
import { bindLocal } from '@paybench/platform-contract';
import { describe, expect, it } from 'vitest';
import { riskContract } from './index.js';

// risk.assess is served on the internal listener: a call there meets the public API's bounds,
// so no caller can have a purchase scored that `POST /v1/checkout` would refuse.

const approve = { assessmentId: 'ras_x', decision: 'approve' as const, score: 0, reasons: [] };
const risk = bindLocal(riskContract, { assess: async () => approve });
const limits = { maxAmount: 10_000, maxScore: 700, velocity: { windowMinutes: 60, maxOrders: 3 } };
const input = {
  consumerId: 'c-000001',
  merchantId: 'm-1',
  market: 'SE',
  paymentOption: 'pay_later',
  amount: 5_000,
  currency: 'SEK',
  limits,
};

describe('risk.assess refuses what the public API refuses', () => {
  it('accepts a purchase within every bound', async () => {
    await expect(risk.assess(input)).resolves.toMatchObject({ decision: 'approve' });
  });

  it.each([
    ['an amount above the maximum', { ...input, amount: MAX_AMOUNT + 1 }, /^amount:/],
    ['a market that is no market code', { ...input, market: 'se' }, /^market:/],
    ['a currency that is no currency code', { ...input, currency: 'kronor' }, /^currency:/],
    ['a merchant id of 65 characters', { ...input, merchantId: 'm'.repeat(65) }, /^merchantId:/],
    ['a payment option of 65 characters', { ...input, paymentOption: 'p'.repeat(65) }, /^paymentOption:/],
    ['a score limit above 1000', { ...input, limits: { ...limits, maxScore: 1_001 } }, /^limits\.maxScore:/],
    [
      'an amount limit above the maximum',
      { ...input, limits: { ...limits, maxAmount: MAX_AMOUNT + 1 } },
      /^limits\.maxAmount:/,
    ],
    [
      'a velocity window orders would refuse',
      { ...input, limits: { ...limits, velocity: { windowMinutes: MAX_ACTIVITY_WINDOW_MINUTES + 1, maxOrders: 3 } } },
      /^limits\.velocity\.windowMinutes:/,
    ],
  ])('refuses %s (400 naming the field)', async (_label, bad, field) => {
    const error = await risk.assess(bad).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'validation_failed', status: 400 });
    expect((error as Error).message).toMatch(field);
  });
});
