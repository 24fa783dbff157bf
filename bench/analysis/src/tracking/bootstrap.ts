// A percentile bootstrap interval for median(a) / median(b): how far the ratio of two runs'
// medians could move if each run were repeated, judged from the runs' own spread. Seeded, so
// that the same data always gives the same interval (a CI verdict must not flicker).
import { mulberry32 } from '@paybench/payments-dataset';
import { median } from '../summary/median.js';

export interface RatioInterval {
  /** median(a) / median(b) of the samples themselves. */
  estimate: number;
  low: number;
  high: number;
  confidence: number;
  iterations: number;
}

export interface BootstrapOptions {
  /** Resamples; 2000 keeps the 2.5% and 97.5% quantiles stable to a few tenths of a percent. */
  iterations?: number;
  confidence?: number;
  seed?: number;
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
  const iterations = options.iterations ?? 2000;
  const confidence = options.confidence ?? 0.95;
  if (a.length === 0 || b.length === 0) return null;
  const medianA = median(a);
  const medianB = median(b);
  if (medianA === null || medianB === null || medianB === 0) return null;
  const random = mulberry32(options.seed ?? 1);
  const resample = (values: readonly number[]) => values.map(() => values[Math.floor(random() * values.length)]);
  const ratios: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const ma = median(resample(a)) ?? 0;
    const mb = median(resample(b)) ?? 0;
    if (mb === 0) return null;
    ratios.push(ma / mb);
  }
  ratios.sort((x, y) => x - y);
  const tail = (1 - confidence) / 2;
  return {
    estimate: medianA / medianB,
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
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}
