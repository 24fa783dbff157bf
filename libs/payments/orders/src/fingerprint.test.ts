import { describe, expect, it } from 'vitest';
import type { OrderRequest } from './contract.js';
import { canonicalJson, fingerprint } from './fingerprint.js';

const request: OrderRequest = {
  consumerId: 'c1',
  merchantId: 'm1',
  market: 'SE',
  paymentOption: 'pay_later',
  amount: 1_500,
  currency: 'SEK',
  items: [{ sku: 'a', name: 'A', quantity: 1, unitPrice: 1_500 }],
};

describe('fingerprint', () => {
  it('ignores the order keys were sent in, at every depth', () => {
    const shuffled = {
      items: [{ unitPrice: 1_500, quantity: 1, name: 'A', sku: 'a' }],
      currency: 'SEK',
      amount: 1_500,
      paymentOption: 'pay_later',
      market: 'SE',
      merchantId: 'm1',
      consumerId: 'c1',
    };
    expect(fingerprint(shuffled)).toBe(fingerprint(request));
    expect(canonicalJson({ b: 1, a: { d: 2, c: 3 } })).toBe('{"a":{"c":3,"d":2},"b":1}');
  });

  it('changes with any field of the purchase', () => {
    expect(fingerprint({ ...request, amount: 1_501 })).not.toBe(fingerprint(request));
    expect(fingerprint({ ...request, items: [{ sku: 'a', name: 'A', quantity: 2, unitPrice: 750 }] })).not.toBe(
      fingerprint(request),
    );
  });

  it('keeps line item order, which is part of the purchase', () => {
    const a = { sku: 'a', name: 'A', quantity: 1, unitPrice: 500 };
    const b = { sku: 'b', name: 'B', quantity: 1, unitPrice: 1_000 };
    expect(fingerprint({ ...request, items: [a, b] })).not.toBe(fingerprint({ ...request, items: [b, a] }));
  });

  it('is a SHA-256 hex digest', () => {
    expect(fingerprint(request)).toMatch(/^[0-9a-f]{64}$/);
  });
});
