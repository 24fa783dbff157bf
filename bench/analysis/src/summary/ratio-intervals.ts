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
export const INTERVAL_BOOTSTRAP: Required<Omit<BootstrapOptions, 'stratum'>> = {
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
  ratio: Pick<TopologyRatio, 'p50' | 'p99' | 'throughput' | 'cpuPerSuccess' | 'peakRss'>,
): RatioIntervals {
  const repeats: [number, number] = [topology.length, baseline.length];
  const { confidence } = INTERVAL_BOOTSTRAP;
  const known = (value: number | null, interval: () => RatioBounds | null) => (value === null ? null : interval());
  if (repeats[0] >= 2 && repeats[1] >= 2) {
    const over = (pick: (f: RepeatFigures) => number | null) => () =>
      bounds(
        bootstrapRatio(
          topology.map((r) => pick(repeatFigures(r.summary))),
          baseline.map((r) => pick(repeatFigures(r.summary))),
          median,
          INTERVAL_BOOTSTRAP,
        ),
      );
    return {
      basis: 'repeats',
      repeats,
      confidence,
      p50: known(
        ratio.p50,
        over((f) => f.p50Ms),
      ),
      p99: known(
        ratio.p99,
        over((f) => f.p99Ms),
      ),
      throughput: known(
        ratio.throughput,
        over((f) => f.throughputPerSecond),
      ),
      cpuPerSuccess: known(
        ratio.cpuPerSuccess,
        over((f) => f.cpuMsPerSuccess),
      ),
      peakRss: known(
        ratio.peakRss,
        over((f) => f.peakRssBytes),
      ),
    };
  }
  const a = pooledSeconds(topology);
  const b = pooledSeconds(baseline);
  if (a === null || b === null) {
    return {
      basis: 'none',
      repeats,
      confidence,
      p50: null,
      p99: null,
      throughput: null,
      cpuPerSuccess: null,
      peakRss: null,
    };
  }
  const over =
    (statistic: (units: readonly PooledSecond[]) => number | null, only = (_: PooledSecond) => true) =>
    () =>
      bounds(
        bootstrapRatio(a.filter(only), b.filter(only), statistic, {
          ...INTERVAL_BOOTSTRAP,
          // Seconds are exchangeable only within a phase: a resample keeps each phase's share of the window.
          stratum: (second) => second.phase,
        }),
      );
  return {
    basis: 'seconds',
    repeats,
    confidence,
    p50: known(
      ratio.p50,
      over((units) => percentileOfSeconds(units, 50)),
    ),
    p99: known(
      ratio.p99,
      over((units) => percentileOfSeconds(units, 99)),
    ),
    throughput: known(ratio.throughput, over(answeredPerSecond)),
    cpuPerSuccess: known(
      ratio.cpuPerSuccess,
      over(cpuMsPerSuccess, (u) => u.cpuMs !== null),
    ),
    // A peak is the largest reading: a resample can only lower it, so a bootstrap of seconds says nothing about it.
    peakRss: null,
  };
}

/** The seconds of every repeat, pooled; null when a repeat has none (closed loop, nothing measured). */
function pooledSeconds(repeats: readonly MeasuredRepeat[]): PooledSecond[] | null {
  const each = repeats.map((r) => (r.cell ? secondUnits(r.cell) : null));
  if (each.length === 0 || each.some((e) => e === null)) return null;
  return poolSeconds(each.flatMap((e) => e ?? []));
}

function bounds(interval: { low: number; high: number } | null): RatioBounds | null {
  return interval === null ? null : { low: interval.low, high: interval.high };
}
