// The 95% interval of the fault verdict's "x2.3 as many": how far the ratio of two topologies' lost shares
// (requests failed or slower than the SLO from the first fault on) could move if each were measured again.
// Resampled as the topology ratios are (ratio-intervals.ts): over repeats when both have 2+, else over the
// seconds of the faulted phases, within each phase.
import type { CellResult, RatioBounds, RatioIntervals } from '@paybench/bench-results';
import { bootstrapRatio } from '../stats/bootstrap.js';
import { median } from './median.js';
import { secondsByPhase } from './phase-seconds.js';
import { INTERVAL_BOOTSTRAP } from './ratio-intervals.js';
import { trafficFigures, type SloContext } from './traffic-figures.js';

/** One second from the first fault on: requests due in it, requests that ended in it good within the SLO. */
export interface LostSecond {
  scheduled: number;
  good: number;
  /** The stratum: seconds are exchangeable only within their phase. */
  phase: string;
}

/** One topology's losses: its lost share per used repeat, and those repeats' raw cells (for the seconds). */
export interface MeasuredLoss {
  perRepeat: readonly number[];
  cells: readonly (CellResult | undefined)[];
}

/** The interval of worst / least, and what it was resampled over (the legend of format-interval.ts). */
export interface LostShareInterval {
  bounds: RatioBounds | null;
  basis: Pick<RatioIntervals, 'basis' | 'repeats' | 'confidence'>;
}

/** 1 - good / scheduled over a multiset of seconds (as the phases' lost share sums them); null when nothing was due. */
export function lostShareOfSeconds(units: readonly LostSecond[]): number | null {
  const scheduled = units.reduce((t, u) => t + u.scheduled, 0);
  const good = units.reduce((t, u) => t + u.good, 0);
  return scheduled > 0 ? Math.max(0, 1 - good / scheduled) : null;
}

/** The seconds of every phase but the first (their drain included, as the last phase's summary counts it). */
export function lostSeconds(cell: CellResult, slo: SloContext): LostSecond[] | null {
  if (cell.loadResult?.kind !== 'open') return null;
  const { perSecond, durationMs } = cell.loadResult.result;
  return secondsByPhase(perSecond, cell.phases, durationMs)
    .phases.slice(1)
    .flatMap((p) =>
      [...p.windowSeconds, ...p.drainSeconds].map((second) => {
        const figures = trafficFigures(Object.values(second.classes), 1000, slo);
        return { scheduled: figures.scheduled, good: figures.withinSlo.good, phase: p.phase.name };
      }),
    );
}

/**
 * The interval of worst.lostShare / least.lostShare. A resample in which the lesser topology lost nothing (its
 * losses fell in a few seconds, none drawn) makes the upper bound infinite instead of the interval unknown: the
 * lower bound, which decides whether the difference is beyond noise, stays known.
 */
export function lostShareInterval(worst: MeasuredLoss, least: MeasuredLoss, slo: SloContext): LostShareInterval {
  const repeats: [number, number] = [worst.perRepeat.length, least.perRepeat.length];
  const { confidence } = INTERVAL_BOOTSTRAP;
  if (repeats[0] >= 2 && repeats[1] >= 2) {
    const interval = bootstrapRatio(worst.perRepeat, least.perRepeat, median, UNBOUNDED);
    return { bounds: bounds(interval), basis: { basis: 'repeats', repeats, confidence } };
  }
  const pooled = (loss: MeasuredLoss) => {
    const each = loss.cells.map((cell) => (cell ? lostSeconds(cell, slo) : null));
    return each.length === 0 || each.some((e) => e === null) ? null : each.flatMap((e) => e ?? []);
  };
  const a = pooled(worst);
  const b = pooled(least);
  if (a === null || b === null) return { bounds: null, basis: { basis: 'none', repeats, confidence } };
  const interval = bootstrapRatio(a, b, lostShareOfSeconds, {
    ...UNBOUNDED,
    stratum: (second: LostSecond) => second.phase,
  });
  return { bounds: bounds(interval), basis: { basis: 'seconds', repeats, confidence } };
}

const UNBOUNDED = { ...INTERVAL_BOOTSTRAP, zeroDenominator: 'unbounded' } as const;

function bounds(interval: { low: number; high: number } | null): RatioBounds | null {
  return interval === null ? null : { low: interval.low, high: interval.high };
}
