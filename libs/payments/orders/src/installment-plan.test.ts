import { describe, expect, it } from 'vitest';
import { installmentPlan } from './installment-plan.js';

const sum = (plan: ReturnType<typeof installmentPlan>) => plan.installments.reduce((total, i) => total + i.amount, 0);

describe('installmentPlan', () => {
  it('splits an interest-free purchase evenly, the remainder on the first installment', () => {
    const plan = installmentPlan(10_000, { count: 3, intervalDays: 30, aprBps: 0 }, '2025-01-15');
    expect(plan.totalPayable).toBe(10_000);
    expect(plan.installments.map((i) => i.amount)).toEqual([3_334, 3_333, 3_333]);
  });

  it('adds simple interest over the plan length, rounded to whole minor units', () => {
    // 10 000 × 19.99 % × (4 × 30 / 365) = 657.2 → 657
    const plan = installmentPlan(10_000, { count: 4, intervalDays: 30, aprBps: 1_999 }, '2025-01-15');
    expect(plan.totalPayable).toBe(10_657);
    expect(plan.aprBps).toBe(1_999);
    expect(sum(plan)).toBe(10_657);
    expect(plan.installments.map((i) => i.amount)).toEqual([2_665, 2_664, 2_664, 2_664]);
  });

  it('always adds up to exactly the total payable', () => {
    for (const amount of [1, 7, 99, 1_001, 123_457, 99_999_999]) {
      for (const count of [2, 3, 7, 12, 48]) {
        const plan = installmentPlan(amount, { count, intervalDays: 14, aprBps: 2_499 }, '2025-06-01');
        expect(sum(plan)).toBe(plan.totalPayable);
        expect(plan.installments.every((i) => Number.isInteger(i.amount) && i.amount >= 0)).toBe(true);
      }
    }
  });

  it('is due on the purchase date, then every interval, across month and year ends', () => {
    const plan = installmentPlan(400, { count: 4, intervalDays: 14, aprBps: 0 }, '2024-12-10');
    expect(plan.installments.map((i) => [i.number, i.dueDate])).toEqual([
      [1, '2024-12-10'],
      [2, '2024-12-24'],
      [3, '2025-01-07'],
      [4, '2025-01-21'],
    ]);
  });

  it('counts the leap day', () => {
    const plan = installmentPlan(200, { count: 2, intervalDays: 30, aprBps: 0 }, '2024-02-15');
    expect(plan.installments[1]?.dueDate).toBe('2024-03-16');
  });
});
