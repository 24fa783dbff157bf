// A percentile bootstrap interval for statistic(a) / statistic(b): how far the ratio of two
// samples' figures could move if each were measured again, judged from the samples' own spread.
// Seeded, so that the same data always gives the same interval (a CI verdict must not flicker, and
// a summary must come out byte for byte the same). The one bootstrap of bench/analysis: the
// tracking check (median of repeats) and the topology ratios (repeats or seconds) both use it.
import { mulberry32 } from '@paybench/payments-dataset';
import { median } from '../summary/median.js';

export interface RatioInterval {
  /** statistic(a) / statistic(b) of the samples themselves. */
  estimate: number;
  low: number;
  high: number;
  confidence: number;
  iterations: number;
}

export interface BootstrapOptions<T = unknown> {
  /** Resamples; 2000 keeps the 2.5% and 97.5% quantiles stable to a few tenths of a percent. */
  iterations?: number;
  confidence?: number;
  seed?: number;
  /**
   * Resample within strata: each resample keeps as many units of each stratum as the sample has. For units
   * that are not exchangeable across the sample, such as the seconds of a window whose phases differ by
   * design (a stall, a recovery): resampling them freely would mix phases in proportions no run has.
   */
  stratum?: (unit: T) => string;
  /**
   * What a resample whose statistic of b is 0 makes of the ratio. `unknown` (the default): the whole interval is
   * unknown (null). `unbounded`: +Infinity, or x1 when the statistic of a is 0 too (nothing to tell apart), for a
   * statistic that is 0 in ordinary resamples, such as a share of requests lost concentrated in a few seconds: the
   * interval's upper bound may then be infinite, its lower bound stays known.
   */
  zeroDenominator?: 'unknown' | 'unbounded';
}

/**
 * Resamples a and b (with replacement, each to its own size) `iterations` times and takes the
 * central `confidence` quantiles of median(a*) / median(b*), interpolated linearly between order
 * statistics (numpy's default). Null when the ratio is undefined: an empty sample, or a median
 * of b (or of a resample of it) that is 0. With one value per sample the interval is that one
 * ratio: a bootstrap cannot see noise that the samples do not show, so callers need n >= 2.
 */
export function bootstrapRatioOfMedians(
  a: readonly number[],
  b: readonly number[],
  options: BootstrapOptions = {},
): RatioInterval | null {
  return bootstrapRatio(a, b, median, options);
}

/**
 * The same for any statistic of a sample (a median of repeats, a p99 of a window's seconds): the
 * units resampled are whatever the samples hold. Null when a sample is empty or the statistic of
 * b, of a, or of any resample is unknown (null), or that of b is 0.
 */
export function bootstrapRatio<T>(
  a: readonly T[],
  b: readonly T[],
  statistic: (sample: readonly T[]) => number | null,
  options: BootstrapOptions<T> = {},
): RatioInterval | null {
  const iterations = options.iterations ?? 2000;
  const confidence = options.confidence ?? 0.95;
  if (a.length === 0 || b.length === 0) return null;
  const unbounded = options.zeroDenominator === 'unbounded';
  /** sa / sb, or null when the interval is unknown. */
  const ratioOf = (sa: number | null, sb: number | null): number | null => {
    if (sa === null || sb === null) return null;
    if (sb !== 0) return sa / sb;
    if (!unbounded) return null;
    return sa > 0 ? Infinity : 1;
  };
  const estimate = ratioOf(statistic(a), statistic(b));
  if (estimate === null) return null;
  const random = mulberry32(options.seed ?? 1);
  const draw = (values: readonly T[]) => values.map(() => values[Math.floor(random() * values.length)]);
  const stratum = options.stratum;
  const resampler = (values: readonly T[]): (() => T[]) => {
    if (stratum === undefined) return () => draw(values);
    const strata = Map.groupBy(values, stratum);
    return () => [...strata.values()].flatMap(draw);
  };
  const resampleA = resampler(a);
  const resampleB = resampler(b);
  const ratios: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const resampled = ratioOf(statistic(resampleA()), statistic(resampleB()));
    if (resampled === null) return null;
    ratios.push(resampled);
  }
  ratios.sort((x, y) => x - y);
  const tail = (1 - confidence) / 2;
  return {
    estimate,
    low: quantile(ratios, tail),
    high: quantile(ratios, 1 - tail),
    confidence,
    iterations,
  };
}

/** The q-quantile of sorted values, linear between order statistics (numpy's "linear" method). */
export function quantile(sorted: readonly number[], q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  // Equal neighbours are returned as they are: Infinity - Infinity would make the interpolation NaN.
  if (sorted[lo] === sorted[hi]) return sorted[lo];
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}
