import { describe, expect, it } from 'vitest';
import type { RiskLimits } from './contract.js';
import { rejectionReasons } from './rejection-reasons.js';

const limits: RiskLimits = { maxAmount: 10_000, maxScore: 700, velocity: { windowMinutes: 60, maxOrders: 3 } };

describe('rejectionReasons', () => {
  it('finds none for a purchase within every limit', () => {
    expect(rejectionReasons({ amount: 10_000, recentOrders: 2, score: 700 }, limits)).toEqual([]);
  });

  it('names each broken limit, in a fixed order', () => {
    expect(rejectionReasons({ amount: 10_001, recentOrders: 0, score: 0 }, limits)).toEqual(['amount_over_limit']);
    expect(rejectionReasons({ amount: 1, recentOrders: 3, score: 0 }, limits)).toEqual(['velocity_exceeded']);
    expect(rejectionReasons({ amount: 1, recentOrders: 0, score: 701 }, limits)).toEqual(['score_too_high']);
    expect(rejectionReasons({ amount: 10_001, recentOrders: 9, score: 900 }, limits)).toEqual([
      'amount_over_limit',
      'velocity_exceeded',
      'score_too_high',
    ]);
  });
});
