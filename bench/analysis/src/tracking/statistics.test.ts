import { describe, expect, it } from 'vitest';
import { bootstrapRatioOfMedians, quantile } from '../stats/bootstrap.js';
import { mannWhitneyU, normalSurvival } from './mann-whitney.js';

// Reference values from SciPy 1.17.1:
//   scipy.stats.mannwhitneyu(a, b, alternative='two-sided', method='auto', use_continuity=True)
// ('auto' is exact below 8 values per sample without ties, else the tie-corrected normal
// approximation with continuity correction: the same rule as mannWhitneyU).
const LARGE_A = [2.7, 2.9, 3.1, 2.6, 2.8, 3.4, 2.5, 2.7, 3.0, 2.9, 4.1, 2.6, 2.8, 2.7, 3.3, 2.9, 2.6, 3.8, 2.7, 2.8];
const LARGE_B = [
  3.1, 2.9, 3.5, 3.3, 3.6, 2.8, 3.2, 3.9, 3.4, 3.0, 3.3, 3.7, 3.1, 4.4, 3.2, 3.5, 3.0, 3.6, 3.3, 3.8, 3.4, 2.9, 3.2,
  3.5, 3.1,
];

describe('Mann-Whitney U', () => {
  it('is exact for small samples without ties (SciPy: U1=2, p=0.06349206349206349)', () => {
    const result = mannWhitneyU([1.1, 2.3, 3.7, 4.2], [5.0, 6.1, 2.9, 7.3, 8.4]);
    expect(result).toMatchObject({ u: 2, n1: 4, n2: 5, method: 'exact' });
    expect(result.p).toBeCloseTo(0.06349206349206349, 12);
  });

  it('cannot go below p = 0.1 with 3 values against 3, however far apart (SciPy: U1=0, p=0.1)', () => {
    const result = mannWhitneyU([1, 2, 3], [4, 5, 6]);
    expect(result).toMatchObject({ u: 0, method: 'exact' });
    expect(result.p).toBeCloseTo(0.1, 12);
  });

  it('is exact at 7 against 7 (SciPy: U1=7, p=0.026223776223776224)', () => {
    const result = mannWhitneyU(
      [10.5, 12.25, 9.75, 11.0, 13.5, 8.0, 14.25],
      [15.5, 11.5, 16.75, 13.0, 18.0, 17.25, 12.75],
    );
    expect(result).toMatchObject({ u: 7, method: 'exact' });
    expect(result.p).toBeCloseTo(0.026223776223776224, 12);
  });

  it('uses mid-ranks and the tie-corrected normal approximation with ties (SciPy: U1=7.5, p=0.006373133838085873)', () => {
    const result = mannWhitneyU([1, 2, 2, 3, 3, 3, 4, 5], [3, 4, 4, 5, 5, 6, 7, 7, 8]);
    expect(result).toMatchObject({ u: 7.5, method: 'normal' });
    // erfc is a Chebyshev fit (relative error < 1.2e-7).
    expect(result.p / 0.006373133838085873).toBeCloseTo(1, 5);
  });

  it('uses the normal approximation for 20 against 25 values (SciPy: U1=92, p=0.0003093882084044316)', () => {
    const result = mannWhitneyU(LARGE_A, LARGE_B);
    expect(result).toMatchObject({ u: 92, n1: 20, n2: 25, method: 'normal' });
    expect(result.p / 0.0003093882084044316).toBeCloseTo(1, 5);
    // Swapping the samples mirrors U and keeps the two-sided p.
    const swapped = mannWhitneyU(LARGE_B, LARGE_A);
    expect(swapped.u).toBe(20 * 25 - 92);
    expect(swapped.p).toBeCloseTo(result.p, 12);
  });

  it('gives p = 1 for identical samples and refuses an empty one', () => {
    expect(mannWhitneyU([5, 5, 5], [5, 5, 5, 5]).p).toBe(1);
    expect(mannWhitneyU([1, 2, 3, 4, 5, 6, 7, 8], [1, 2, 3, 4, 5, 6, 7, 8]).p).toBe(1);
    expect(() => mannWhitneyU([], [1])).toThrow(/non-empty/);
  });

  it('computes the normal tail (scipy.stats.norm.sf(1.96) = 0.024997895148220435)', () => {
    expect(normalSurvival(1.96) / 0.024997895148220435).toBeCloseTo(1, 6);
    expect(normalSurvival(0)).toBeCloseTo(0.5, 7);
    expect(normalSurvival(-1.96) + normalSurvival(1.96)).toBeCloseTo(1, 7);
  });
});

// Reference values from a Python port of the same algorithm: mulberry32 (checked against
// mulberry32: seed 42 gives 0.6011037519201636, 0.44829055899754167, 0.8524657934904099),
// resampling a then b in each iteration with index floor(random() * n), numpy.median and
// numpy.quantile (linear). The estimate is numpy.median(a) / numpy.median(b).
describe('bootstrap interval of a ratio of medians', () => {
  it('matches the reference for 3 repeats against 3 (seed 1, 2000 iterations, 95%)', () => {
    const interval = bootstrapRatioOfMedians([12.1, 13.4, 11.8], [10.2, 9.9, 10.5]);
    expect(interval?.estimate).toBeCloseTo(1.1862745098039216, 12);
    expect(interval?.low).toBeCloseTo(1.1238095238095238, 12);
    expect(interval?.high).toBeCloseTo(1.3535353535353536, 12);
  });

  it('matches the reference for overlapping samples of 5 and 4 (seed 7): the interval holds 1', () => {
    const interval = bootstrapRatioOfMedians([5.0, 7.5, 6.1, 5.8, 9.0], [6.0, 5.5, 7.2, 6.4], { seed: 7 });
    expect(interval?.estimate).toBeCloseTo(0.9838709677419354, 12);
    expect(interval?.low).toBeCloseTo(0.8055555555555555, 12);
    expect(interval?.high).toBeCloseTo(1.4516129032258065, 12);
  });

  it('matches the reference for 20 against 25 values at 90% (seed 3, 1000 iterations)', () => {
    const interval = bootstrapRatioOfMedians(LARGE_A, LARGE_B, { seed: 3, iterations: 1000, confidence: 0.9 });
    expect(interval?.estimate).toBeCloseTo(0.8484848484848485, 12);
    expect(interval?.low).toBeCloseTo(0.8, 12);
    expect(interval?.high).toBeCloseTo(0.90625, 12);
  });

  it('is deterministic for a seed, collapses for single values and is undefined over a zero median', () => {
    expect(bootstrapRatioOfMedians([1, 2, 3], [2, 3, 4], { seed: 5 })).toEqual(
      bootstrapRatioOfMedians([1, 2, 3], [2, 3, 4], { seed: 5 }),
    );
    expect(bootstrapRatioOfMedians([6], [3])).toMatchObject({ estimate: 2, low: 2, high: 2 });
    expect(bootstrapRatioOfMedians([1, 2], [0, 0, 1])).toBeNull();
    expect(bootstrapRatioOfMedians([], [1])).toBeNull();
  });

  it('interpolates quantiles linearly like numpy', () => {
    // numpy.quantile([1, 2, 4, 8], [0.25, 0.5, 0.975]) = [1.75, 3.0, 7.7]
    expect(quantile([1, 2, 4, 8], 0.25)).toBeCloseTo(1.75, 12);
    expect(quantile([1, 2, 4, 8], 0.5)).toBeCloseTo(3, 12);
    expect(quantile([1, 2, 4, 8], 0.975)).toBeCloseTo(7.7, 12);
  });
});
