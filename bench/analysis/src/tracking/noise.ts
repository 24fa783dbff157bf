// Is the difference between two measurements of one figure larger than the figure's own
// scatter? The scatter is read from the runs themselves: their repeats when both have several,
// else the seconds of their windows.
import { bootstrapRatioOfMedians, type RatioInterval } from '../stats/bootstrap.js';
import { mannWhitneyU, type MannWhitneyResult } from './mann-whitney.js';
import type { TrackedFigure } from './tracked-figure.js';

/** Below this p-value (two-sided) a difference is beyond noise. */
export const ALPHA = 0.05;
/** How noise is judged, as the check and compare tables say it. */
export const NOISE_METHOD = `bootstrap 95% interval of the ratio of medians when both runs have 2+ valid repeats, else Mann-Whitney U on per-second values (p < ${ALPHA})`;
/** Per-second samples needed on each side before they count as a noise estimate. */
export const MIN_SECONDS = 5;

export type NoiseSamples = Pick<TrackedFigure, 'repeats' | 'perSecond'>;

export interface NoiseEvidence {
  /**
   * repeats: the runs' repeat-to-repeat spread: a seeded bootstrap 95% interval of the ratio of
   * medians (Mann-Whitney U on the repeats when that ratio is undefined, e.g. medians of 0).
   * seconds: Mann-Whitney U on the per-second values. none: no noise estimate (a single repeat
   * and no per-second values on one side).
   */
  basis: 'repeats' | 'seconds' | 'none';
  n: [number, number];
  /** True when the data show a difference beyond noise; null when they cannot tell. */
  beyond: boolean | null;
  interval: RatioInterval | null;
  test: MannWhitneyResult | null;
  /** e.g. `CI x1.05-1.31 (3/3 repeats)`, `p=0.002 (60/60 s)`, `unknown (1/1 repeat)`. */
  text: string;
}

/**
 * Judges `after` against `before`. With two or more repeats on both sides the repeats decide,
 * because run-to-run drift on a shared machine is larger than the scatter of seconds within one
 * run; Mann-Whitney on 3 against 3 cannot go below p = 0.1, so the bootstrap interval decides
 * there (beyond noise when it excludes x1). Otherwise the per-second values decide by
 * Mann-Whitney U (p < 0.05); they are autocorrelated, which makes this test too ready to see a
 * difference, one reason why a regression also needs the threshold.
 */
export function judgeNoise(before: NoiseSamples, after: NoiseSamples): NoiseEvidence {
  const repeats: [number, number] = [before.repeats.length, after.repeats.length];
  if (repeats[0] >= 2 && repeats[1] >= 2) {
    const label = `${repeats[0]}/${repeats[1]} repeats`;
    const interval = bootstrapRatioOfMedians(after.repeats, before.repeats);
    if (interval) {
      const beyond = interval.low > 1 || interval.high < 1;
      return {
        basis: 'repeats',
        n: repeats,
        beyond,
        interval,
        test: null,
        text: `CI x${ratio(interval.low)}-${ratio(interval.high)} (${label})`,
      };
    }
    const test = mannWhitneyU(before.repeats, after.repeats);
    return {
      basis: 'repeats',
      n: repeats,
      beyond: test.p < ALPHA,
      interval: null,
      test,
      text: `p=${pValue(test.p)}${test.method === 'exact' ? ' exact' : ''} (${label})`,
    };
  }
  const seconds: [number, number] = [before.perSecond?.length ?? 0, after.perSecond?.length ?? 0];
  if (seconds[0] >= MIN_SECONDS && seconds[1] >= MIN_SECONDS) {
    const test = mannWhitneyU(before.perSecond ?? [], after.perSecond ?? []);
    return {
      basis: 'seconds',
      n: seconds,
      beyond: test.p < ALPHA,
      interval: null,
      test,
      text: `p=${pValue(test.p)} (${seconds[0]}/${seconds[1]} s)`,
    };
  }
  return {
    basis: 'none',
    n: repeats,
    beyond: null,
    interval: null,
    test: null,
    text: `unknown (${repeats[0]}/${repeats[1]} repeat${repeats[0] + repeats[1] > 2 ? 's' : ''})`,
  };
}

function ratio(value: number): string {
  return value.toFixed(value >= 10 ? 1 : 2);
}

function pValue(p: number): string {
  return p < 0.001 ? p.toExponential(1) : p.toFixed(3);
}
