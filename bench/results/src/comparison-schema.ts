// The topologies compared, as result.json stores them (RunResult.comparisons): medians over repeats and
// their ratios, computed in bench/analysis (summary/compare-topologies.ts).
import type { CellStatus } from './cell-status.js';

export interface TopologyComparison {
  logging: string;
  load: string;
  baseline: string;
  topologies: TopologyFigures[];
  /** Every topology but the baseline, against it. */
  ratios: TopologyRatio[];
  /** Every phase after the first (open-loop cells only). */
  faultPhases: FaultPhaseComparison[];
}

/**
 * Which repeats a topology's medians come from: `valid` (every repeat with status ok), or, when
 * no repeat is valid, `invalid only` (figures of invalid or interrupted cells, shown marked rather
 * than dropped), or `none` (nothing was measured).
 */
export type MedianBasis = 'valid' | 'invalid only' | 'none';

/** One topology's headline figures for one (logging, load) pair: medians over repeats. */
export interface TopologyFigures {
  topology: string;
  basis: MedianBasis;
  /** Repeats the medians are taken over. */
  repeatsUsed: number[];
  /** Repeats left out, with their status. */
  repeatsExcluded: { repeat: number; status: CellStatus }[];
  /** Whole window, all classes merged (open loop) or autocannon's service time (closed loop). */
  p50Ms: number | null;
  p99Ms: number | null;
  /** HTTP answers per second over the window. */
  throughputPerSecond: number | null;
  cpuMsPerSuccess: number | null;
  peakRssBytes: number | null;
}

/** figure(topology) / figure(baseline) for each headline figure; null when either is unknown or the baseline is 0. */
export interface TopologyRatio {
  topology: string;
  baseline: string;
  p50: number | null;
  p99: number | null;
  throughput: number | null;
  cpuPerSuccess: number | null;
  peakRss: number | null;
  /**
   * 95% intervals of these ratios (summary/ratio-intervals.ts). Absent in a result.json written
   * before intervals existed: such a comparison renders without them and claims no difference.
   */
  intervals?: RatioIntervals;
}

/**
 * How far each ratio could move if the run were repeated: a seeded percentile bootstrap.
 * - `repeats`: over the repeats (both topologies have 2+ used): the ratio of medians, resampled;
 * - `seconds`: over the per-second values of the used repeats (a topology has a single repeat): the
 *   whole-window figure recomputed from seconds resampled within each phase. Seconds of one run share its conditions,
 *   so this understates run-to-run variance; peak RSS (a maximum) gets no interval on this basis;
 * - `none`: no interval (a single closed-loop repeat: no per-second data).
 */
export interface RatioIntervals {
  basis: 'repeats' | 'seconds' | 'none';
  /** Repeats resampled, or whose seconds were: [topology, baseline]. */
  repeats: [number, number];
  confidence: number;
  /** Null when that ratio has no interval (unknown ratio, or a peak on the `seconds` basis). */
  p50: RatioBounds | null;
  p99: RatioBounds | null;
  throughput: RatioBounds | null;
  cpuPerSuccess: RatioBounds | null;
  peakRss: RatioBounds | null;
}

export interface RatioBounds {
  low: number;
  high: number;
}

/** One fault phase, the topologies side by side (medians over the same repeats as the headline figures). */
export interface FaultPhaseComparison {
  phase: string;
  /** True for the last phase, where recovery is measured. */
  last: boolean;
  byTopology: {
    topology: string;
    basis: MedianBasis;
    p99Ms: number | null;
    availability: number | null;
    availabilityWithinSlo: number | null;
    /** Each traffic class's p99 in the phase: how far the fault reached (blast radius). */
    classP99Ms: Record<string, number | null>;
    /** Median over the repeats that saw an impact; `impactSeen` of `repeats` did. */
    timeToImpactMs: number | null;
    impactSeen: number;
    /** Last phase only: median over the repeats that recovered; `recovered` of `repeats` did. */
    timeToRecoverMs: number | null;
    recovered: number;
    repeats: number;
  }[];
}
