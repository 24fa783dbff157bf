import { describe, expect, it } from 'vitest';
import { bootstrapRatio } from './bootstrap.js';

const sum = (values: readonly number[]) => values.reduce((t, v) => t + v, 0);

describe('bootstrapRatio with strata', () => {
  // Two "phases" whose units differ by design: 9 quiet seconds and one stalled second in each sample.
  const a = [1, 1, 1, 1, 1, 1, 1, 1, 1, 100];
  const b = [2, 2, 2, 2, 2, 2, 2, 2, 2, 50];
  const phaseOf = (value: number) => (value >= 50 ? 'stall' : 'healthy');

  it('keeps each stratum as large as in the sample, so phases are never mixed in other proportions', () => {
    const stratified = bootstrapRatio(a, b, sum, { stratum: phaseOf });
    // Every resample holds 9 healthy units and 1 stalled one: the sums cannot move, nor can their ratio.
    expect(stratified).toMatchObject({ estimate: 109 / 68, low: 109 / 68, high: 109 / 68 });
  });

  it('resamples freely without strata, which mixes phases and widens the interval', () => {
    const free = bootstrapRatio(a, b, sum);
    expect(free).not.toBeNull();
    if (free) expect(free.high / free.low).toBeGreaterThan(2);
  });
});
