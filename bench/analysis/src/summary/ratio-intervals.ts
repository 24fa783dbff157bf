// 95% intervals for the topology ratios, computed once per run (summarizeRun) and stored with the
// comparison: every renderer and the verdicts read them from there.
import type {
  CellResult,
  CellSummary,
  RatioBounds,
  RatioIntervals,
  TopologyComparison,
  TopologyFigures,
  TopologyRatio,
} from '@paybench/bench-results';
import { bootstrapRatio, type BootstrapOptions } from '../stats/bootstrap.js';
import { repeatFigures, type RepeatFigures } from './compare-topologies.js';
import { median } from './median.js';
import {
  answeredPerSecond,
  cpuMsPerSuccess,
  percentileOfSeconds,
  poolSeconds,
  secondUnits,
  type PooledSecond,
} from './ratio-seconds.js';

/** One seed for every interval: the same run always gives the same intervals, byte for byte. */
export const INTERVAL_BOOTSTRAP: Required<Omit<BootstrapOptions, 'stratum' | 'zeroDenominator'>> = {
  iterations: 2000,
  confidence: 0.95,
  seed: 1,
};

/** A repeat of the run: its summary and, for the per-second basis, its raw cell. */
export interface MeasuredRepeat {
  summary: CellSummary;
  cell: CellResult | undefined;
}

/**
 * The comparisons with an interval on every ratio that has none yet (a comparison just made, or one
 * stored before intervals existed); the same array when every ratio has one. The repeats are those
 * the comparison's medians used (TopologyFigures.repeatsUsed), so the intervals match the ratios.
 */
export function withRatioIntervals(
  comparisons: TopologyComparison[],
  repeats: readonly MeasuredRepeat[],
): TopologyComparison[] {
  if (comparisons.every((c) => c.ratios.every((r) => r.intervals !== undefined))) return comparisons;
  return comparisons.map((comparison) => {
    const usedBy = (figures: TopologyFigures | undefined) =>
      repeats.filter(
        ({ summary: s }) =>
          figures !== undefined &&
          s.logging === comparison.logging &&
          s.load === comparison.load &&
          s.topology === figures.topology &&
          figures.repeatsUsed.includes(s.repeat),
      );
    const baseline = usedBy(comparison.topologies.find((t) => t.topology === comparison.baseline));
    return {
      ...comparison,
      ratios: comparison.ratios.map((r) => ({
        ...r,
        intervals:
          r.intervals ??
          ratioIntervals(usedBy(comparison.topologies.find((t) => t.topology === r.topology)), baseline, r),
      })),
    };
  });
}

/**
 * Intervals of topology / baseline. Over repeats when both have 2+ (the run-to-run spread, which is
 * what a reader needs); else over the seconds of the used repeats (all a single run can show).
 */
export function ratioIntervals(
  topology: readonly MeasuredRepeat[],
  baseline: readonly MeasuredRepeat[],
  ratio: Pick<TopologyRatio, RatioFigure>,
): RatioIntervals {
  const repeats: [number, number] = [topology.length, baseline.length];
  const { confidence } = INTERVAL_BOOTSTRAP;
  /** Each ratio's interval, from `interval`; none for a ratio that is unknown. */
  const each = (interval: (figure: RatioFigure) => RatioBounds | null) =>
    Object.fromEntries(
      RATIO_FIGURES.map((figure) => [figure, ratio[figure] === null ? null : interval(figure)]),
    ) as Record<RatioFigure, RatioBounds | null>;
  if (repeats[0] >= 2 && repeats[1] >= 2) {
    const values = (sample: readonly MeasuredRepeat[], figure: RatioFigure) =>
      sample.map((r) => REPEAT_FIGURE[figure](repeatFigures(r.summary)));
    return {
      basis: 'repeats',
      repeats,
      confidence,
      ...each((figure) =>
        bounds(bootstrapRatio(values(topology, figure), values(baseline, figure), median, INTERVAL_BOOTSTRAP)),
      ),
    };
  }
  const a = pooledSeconds(topology);
  const b = pooledSeconds(baseline);
  if (a === null || b === null) return { basis: 'none', repeats, confidence, ...each(() => null) };
  return {
    basis: 'seconds',
    repeats,
    confidence,
    ...each((figure) => {
      const over = SECOND_STATISTIC[figure];
      if (over === null) return null;
      const only = over.only ?? (() => true);
      const interval = bootstrapRatio(a.filter(only), b.filter(only), over.statistic, {
        ...INTERVAL_BOOTSTRAP,
        // Seconds are exchangeable only within a phase: a resample keeps each phase's share of the window.
        stratum: (second) => second.phase,
      });
      return bounds(centredOn(ratio[figure], interval));
    }),
  };
}

type RatioFigure = 'p50' | 'p99' | 'throughput' | 'cpuPerSuccess' | 'peakRss';
const RATIO_FIGURES: readonly RatioFigure[] = ['p50', 'p99', 'throughput', 'cpuPerSuccess', 'peakRss'];

/** Each ratio's figure in one repeat's summary. */
const REPEAT_FIGURE: Record<RatioFigure, (f: RepeatFigures) => number | null> = {
  p50: (f) => f.p50Ms,
  p99: (f) => f.p99Ms,
  throughput: (f) => f.throughputPerSecond,
  cpuPerSuccess: (f) => f.cpuMsPerSuccess,
  peakRss: (f) => f.peakRssBytes,
};

/** Each ratio's figure recomputed from a multiset of seconds (`only`: the seconds that can hold it). */
const SECOND_STATISTIC: Record<
  RatioFigure,
  { statistic: (units: readonly PooledSecond[]) => number | null; only?: (unit: PooledSecond) => boolean } | null
> = {
  p50: { statistic: (units) => percentileOfSeconds(units, 50) },
  p99: { statistic: (units) => percentileOfSeconds(units, 99) },
  throughput: { statistic: answeredPerSecond },
  cpuPerSuccess: { statistic: cpuMsPerSuccess, only: (unit) => unit.cpuMs !== null },
  // A peak is the largest reading: a resample can only lower it, so a bootstrap of seconds says nothing about it.
  peakRss: null,
};

/** The seconds of every repeat, pooled; null when a repeat has none (closed loop, nothing measured). */
function pooledSeconds(repeats: readonly MeasuredRepeat[]): PooledSecond[] | null {
  const each = repeats.map((r) => (r.cell ? secondUnits(r.cell) : null));
  if (each.length === 0 || each.some((e) => e === null)) return null;
  return poolSeconds(each.flatMap((e) => e ?? []));
}

/**
 * A per-second interval moved onto the ratio it qualifies. The seconds cannot always recompute the whole-window
 * figure exactly (CPU per request leaves out the seconds whose CPU is unknown, such as a crashed process's, and
 * keeps the harness's readings the summary subtracts), and an interval that does not hold its own ratio misleads:
 * the seconds give the relative spread (low / estimate, high / estimate), applied to the ratio shown.
 */
export function centredOn(
  ratio: number | null,
  interval: { estimate: number; low: number; high: number } | null,
): { low: number; high: number } | null {
  if (interval === null || ratio === null || !(interval.estimate > 0) || !Number.isFinite(interval.estimate))
    return interval;
  const scale = ratio / interval.estimate;
  return { low: interval.low * scale, high: interval.high * scale };
}

function bounds(interval: { low: number; high: number } | null): RatioBounds | null {
  return interval === null ? null : { low: interval.low, high: interval.high };
}
