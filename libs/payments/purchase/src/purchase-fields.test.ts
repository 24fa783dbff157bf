import { describe, expect, it } from 'vitest';
import { IdempotencyKey, LineItems, MAX_AMOUNT, MAX_ITEMS, PurchaseParties } from './index.js';

const parties = {
  consumerId: 'c-000001',
  merchantId: 'merchant-0001',
  market: 'SE',
  paymentOption: 'pay_now',
  amount: 129_900,
  currency: 'SEK',
};
const item = { sku: 'SKU-1', name: 'Helmet', quantity: 1, unitPrice: 99_900 };

describe('the purchase fields every contract shares', () => {
  it('accepts a purchase within every bound', () => {
    expect(PurchaseParties.parse(parties)).toEqual(parties);
    expect(LineItems.parse([item])).toEqual([item]);
  });

  it.each([
    ['market', { market: 'se' }],
    ['currency', { currency: 'SE' }],
    ['amount', { amount: MAX_AMOUNT + 1 }],
    ['amount', { amount: 0 }],
    ['consumerId', { consumerId: 'c'.repeat(65) }],
    ['merchantId', { merchantId: '' }],
  ])('refuses a purchase whose %s is out of bounds, naming it', (field, change) => {
    const result = PurchaseParties.safeParse({ ...parties, ...change });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual([field]);
  });

  it('bounds the items and the idempotency key', () => {
    expect(LineItems.safeParse([]).success).toBe(false);
    expect(LineItems.safeParse(Array.from({ length: MAX_ITEMS + 1 }, () => item)).success).toBe(false);
    expect(LineItems.safeParse([{ ...item, quantity: 0 }]).success).toBe(false);
    expect(IdempotencyKey.safeParse('short').success).toBe(false);
    expect(IdempotencyKey.safeParse('k'.repeat(129)).success).toBe(false);
  });
});
