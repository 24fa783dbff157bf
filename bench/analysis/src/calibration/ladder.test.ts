import { describe, expect, it } from 'vitest';
import { openRung } from '@paybench/bench-results/testing';
import { highestKeptRate, ladderRates, ladderShouldStop, rungFellBehind, rungMisses, sustainedRate } from './ladder.js';

describe('the calibration ladder', () => {
  it('rises geometrically in round figures up to its maximum', () => {
    expect(ladderRates(1000, 1.5, 20_000)).toEqual([1000, 1500, 2300, 3400, 5100, 7600, 11_000, 17_000]);
    expect(ladderRates(1000, 2, 5000)).toEqual([1000, 2000, 4000]);
    expect(ladderRates(7, 1.1, 10)).toEqual([7, 8, 9]);
    expect(() => ladderRates(1000, 1, 5000)).toThrow(RangeError);
    expect(() => ladderRates(1000, 2, 500)).toThrow(RangeError);
  });

  it('counts a rung as kept only when it was on time and every request was answered', () => {
    expect(rungMisses(openRung(), 2)).toEqual([]);
    expect(rungMisses(openRung({ lagP99: 2_500 }), 2)).toEqual(['lag p99 2.5 ms > 2 ms']);
    expect(rungMisses(openRung({ achievedRate: 900 }), 2)).toEqual(['achieved 90% of offered']);
    expect(rungMisses(openRung({ dropped: 3, failed: 1 }), 2)).toEqual(['3 dropped', '1 failed']);
  });

  it('tells a rung that fell behind from one only a little late', () => {
    expect(rungFellBehind(openRung(), 2)).toBe(false);
    expect(rungFellBehind(openRung({ lagP99: 9_000 }), 2)).toBe(false);
    expect(rungFellBehind(openRung({ lagP99: 10_500 }), 2)).toBe(true);
    expect(rungFellBehind(openRung({ dropped: 1 }), 2)).toBe(true);
    expect(rungFellBehind(openRung({ achievedRate: 900 }), 2)).toBe(true);
  });

  it('stops after falling behind twice in a row, and counts only an unbroken run of kept rungs as sustained', () => {
    expect(ladderShouldStop([false, true])).toBe(false);
    expect(ladderShouldStop([true, false, true])).toBe(false);
    expect(ladderShouldStop([false, true, true])).toBe(true);
    const rungs = [
      { rate: 1000, missed: false },
      { rate: 2000, missed: true },
      { rate: 4000, missed: false },
      { rate: 8000, missed: true },
    ];
    expect(sustainedRate(rungs)).toBe(1000);
    expect(highestKeptRate(rungs)).toBe(4000);
    expect(sustainedRate([{ rate: 1000, missed: true }])).toBe(0);
  });
});
