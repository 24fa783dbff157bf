// A ratio with its interval, worded once for the table, summary.md, the report and the verdicts.
import type { RatioBounds, RatioIntervals } from '@paybench/bench-results';
import { formatRatio } from './format-units.js';

/**
 * `x3.9 [3.4-4.5]`; the ratio alone (`x3.9`, `x?`) when it has no interval. An unbounded side prints as `∞`
 * (the fault verdict's lost-share ratio, when a resample of the lesser topology lost nothing).
 */
export function formatRatioInterval(ratio: number | null, bounds: RatioBounds | null | undefined): string {
  if (ratio === null || !bounds) return formatRatio(ratio);
  const bound = (value: number) => (Number.isFinite(value) ? formatRatio(value).slice(1) : '∞');
  return `${formatRatio(ratio)} [${bound(bounds.low)}-${bound(bounds.high)}]`;
}

/**
 * What an interval was resampled over, as the brackets' legend: `95% intervals over 3 repeats`,
 * `95% intervals over 2 vs 3 repeats` (topology vs baseline), `95% intervals per-second, 1 repeat`;
 * `no intervals: ...` when there are none.
 */
export function intervalBasis(intervals: Pick<RatioIntervals, 'basis' | 'repeats' | 'confidence'> | undefined): string {
  if (intervals === undefined) return 'no intervals: stored before paybench computed them';
  if (intervals.basis === 'none') return 'no intervals: a single closed-loop repeat has no per-second data';
  const [topology, baseline] = intervals.repeats;
  const repeats = topology === baseline ? `${topology}` : `${topology} vs ${baseline}`;
  const noun = topology === 1 && baseline === 1 ? 'repeat' : 'repeats';
  const confidence = `${Math.round(intervals.confidence * 100)}% intervals`;
  return intervals.basis === 'repeats'
    ? `${confidence} over ${repeats} ${noun}`
    : `${confidence} per-second, ${repeats} ${noun}`;
}

/** True only when the interval is known and excludes x1: the one case in which a verdict calls it a difference. */
export function beyondNoise(bounds: RatioBounds | null | undefined): boolean {
  return !!bounds && (bounds.low > 1 || bounds.high < 1);
}
