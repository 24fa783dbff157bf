import { describe, expect, it } from 'vitest';
import { formatRatioInterval } from './format-interval.js';
import { formatRatio } from './format-units.js';

describe('a ratio and its interval, printed by one rule', () => {
  it.each([
    // A bound just under 1 rounds to 1 and prints as 1 does, not as `1.00`.
    [1.0, 0.998, 1.04, 'x1.0 [1.0-1.0]'],
    [1.1, 0.97, 1.3, 'x1.1 [0.97-1.3]'],
    [4.0, 3.0, 5.0, 'x4.0 [3.0-5.0]'],
    [1.8, 0.87, 3.7, 'x1.8 [0.87-3.7]'],
    [13.2, 12, 15, 'x13 [12-15]'],
    // Likewise just under 10: `10`, not `10.0`.
    [9.97, 9.96, 11.6, 'x10 [10-12]'],
    // An unbounded side (a resample of the lesser topology lost nothing).
    [50, 20, Infinity, 'x50 [20-∞]'],
  ])('x%s [%s-%s] reads %s', (ratio, low, high, expected) => {
    expect(formatRatioInterval(ratio, { low, high })).toBe(expected);
  });

  it('prints the ratio alone the same way, and x? when it is unknown', () => {
    expect([0.996, 0.994, 0.05, 9.94, 9.96, 123.4].map(formatRatio)).toEqual([
      'x1.0',
      'x0.99',
      'x0.05',
      'x9.9',
      'x10',
      'x123',
    ]);
    expect(formatRatio(null)).toBe('x?');
    expect(formatRatioInterval(null, { low: 1, high: 2 })).toBe('x?');
  });
});
