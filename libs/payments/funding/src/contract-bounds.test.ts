import { MAX_AMOUNT } from '@paybench/payments-purchase';
import { bindLocal } from '@paybench/platform-contract';
import { describe, expect, it } from 'vitest';
import { fundingContract } from './index.js';

// funding.selectSource is served on the internal listener: a call there meets the public API's bounds.

const none = { outcome: 'none' as const, reason: 'no_eligible_source' as const };
const funding = bindLocal(fundingContract, { selectSource: async () => none });
const allowedTypes: ('card' | 'bank_account')[] = ['card'];
const input = { consumerId: 'c-000001', currency: 'SEK', amount: 5_000, allowedTypes };

describe('funding.selectSource refuses what the public API refuses', () => {
  it('accepts a purchase within every bound', async () => {
    await expect(funding.selectSource(input)).resolves.toMatchObject({ outcome: 'none' });
  });

  it.each([
    ['an amount above the maximum', { ...input, amount: MAX_AMOUNT + 1 }, /^amount:/],
    ['a fractional amount', { ...input, amount: 10.5 }, /^amount:/],
    ['a currency that is no currency code', { ...input, currency: 'sek' }, /^currency:/],
    ['a consumer id of 65 characters', { ...input, consumerId: 'c'.repeat(65) }, /^consumerId:/],
    ['more source types than exist', { ...input, allowedTypes: ['card', 'card', 'card'] }, /^allowedTypes:/],
  ])('refuses %s (400 naming the field)', async (_label, bad, field) => {
    const error = await funding.selectSource(bad as never).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'validation_failed', status: 400 });
    expect((error as Error).message).toMatch(field);
  });
});
