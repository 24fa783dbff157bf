// The seconds of a cell's window as units to resample, for the ratio intervals of a topology with a
// single repeat: each whole-window figure can be recomputed from any multiset of them.
import type { JsHistogram } from 'hdr-histogram-js';
import { TRANSPORT_ERROR_KINDS } from '@paybench/bench-load';
import type { CellResult } from '@paybench/bench-results';
import { mergeEncodedHistograms } from './merged-latency.js';

/** One second of one repeat: what the headline figures add up over the window. */
export interface SecondUnit {
  /** The second's latencies (all classes merged) as [value ms, count] buckets. */
  buckets: [number, number][];
  /** HTTP answers that ended in the second (completed minus transport errors). */
  answered: number;
  /** 2xx answers that ended in the second. */
  success: number;
  /** CPU of every process from this second's reading to the next; null when a reading is missing. */
  cpuMs: number | null;
  /** The window's length over its number of samples: what the second stands for in a rate's denominator. */
  windowShare: number;
  /** The phase the second belongs to (`drain` after the window): the stratum a bootstrap resamples within. */
  phase: string;
}

/** Every sample of the cell's window and drain as a unit; null for a closed-loop cell (no per-second data). */
export function secondUnits(cell: CellResult): SecondUnit[] | null {
  if (cell.loadResult?.kind !== 'open') return null;
  const { perSecond, durationMs } = cell.loadResult.result;
  const processes = [...new Set(cell.samples.map((s) => s.process))];
  const cpuAt = new Map(cell.samples.map((s) => [`${s.process}@${s.second}`, s.reachable ? s.cpuSeconds : null]));
  const cpuMsOf = (second: number): number | null => {
    let total = 0;
    for (const process of processes) {
      const from = cpuAt.get(`${process}@${second}`);
      const to = cpuAt.get(`${process}@${second + 1}`);
      // A counter that went down: the process was restarted after a crash fault, this second's CPU is unknown.
      if (from == null || to == null || to < from) return null;
      total += to - from;
    }
    return processes.length > 0 ? total * 1000 : null;
  };
  return [...perSecond]
    .sort((a, b) => a.second - b.second)
    .map((sample): SecondUnit => {
      const classes = Object.values(sample.classes);
      const unanswered = classes.reduce(
        (t, c) => t + TRANSPORT_ERROR_KINDS.reduce((u, k) => u + c.errorsByKind[k], 0),
        0,
      );
      return {
        buckets: histogramBuckets(mergeEncodedHistograms(classes.map((c) => c.histogram)) as JsHistogram),
        answered: classes.reduce((t, c) => t + c.completed, 0) - unanswered,
        success: classes.reduce((t, c) => t + c.success, 0),
        cpuMs: sample.second * 1000 < durationMs ? cpuMsOf(sample.second) : null,
        windowShare: durationMs / 1000 / perSecond.length,
        phase: phaseAt(cell, sample.second * 1000, durationMs),
      };
    });
}

/** The name of the phase holding the second that starts at `ms` into the window; `drain` after the window. */
function phaseAt(cell: CellResult, ms: number, durationMs: number): string {
  if (ms >= durationMs) return 'drain';
  return cell.phases.findLast((phase) => phase.fromMs <= ms)?.name ?? 'window';
}

/** The recorded values of a histogram of microseconds, each at its bucket's highest equivalent value, in ms. */
function histogramBuckets(histogram: JsHistogram): [number, number][] {
  const buckets: [number, number][] = [];
  const iterator = histogram.recordedValuesIterator;
  iterator.reset();
  while (iterator.hasNext()) {
    const step = iterator.next();
    buckets.push([histogram.highestEquivalentValue(step.valueIteratedTo) / 1000, step.countAtValueIteratedTo]);
  }
  return buckets;
}

/**
 * The seconds of several repeats as one sample, each second's buckets indexed into the sample's
 * sorted bucket values, so that a percentile of any resample is a sum and a walk, not a sort.
 */
export interface PooledSecond extends SecondUnit {
  /** The sample's bucket values (ms), ascending: one array shared by every second of the sample. */
  values: Float64Array;
  bucketIndex: Uint32Array;
  bucketCount: Float64Array;
}

export function poolSeconds(units: readonly SecondUnit[]): PooledSecond[] {
  const values = Float64Array.from(new Set(units.flatMap((u) => u.buckets.map(([value]) => value)))).sort();
  const indexOf = new Map([...values].map((value, i) => [value, i]));
  return units.map((unit) => ({
    ...unit,
    values,
    bucketIndex: Uint32Array.from(unit.buckets.map(([value]) => indexOf.get(value) ?? 0)),
    bucketCount: Float64Array.from(unit.buckets.map(([, count]) => count)),
  }));
}

/**
 * The percentile of the latencies of a multiset of seconds (of one pool), as HdrHistogram reads it
 * off a merged histogram: the smallest bucket whose cumulative count reaches percentile% of the
 * total. Null when the seconds hold no latency.
 */
export function percentileOfSeconds(units: readonly PooledSecond[], percentile: number): number | null {
  if (units.length === 0) return null;
  const values = units[0].values;
  const counts = new Float64Array(values.length);
  let total = 0;
  for (const unit of units)
    for (let i = 0; i < unit.bucketIndex.length; i++) {
      counts[unit.bucketIndex[i]] += unit.bucketCount[i];
      total += unit.bucketCount[i];
    }
  if (total === 0) return null;
  const wanted = Math.max(1, Math.floor((percentile / 100) * total + 0.5));
  let seen = 0;
  for (let i = 0; i < values.length; i++) {
    seen += counts[i];
    if (seen >= wanted) return values[i];
  }
  return null;
}

/** Answers per window second over a multiset of seconds: the whole window's rate for the seconds it holds. */
export function answeredPerSecond(units: readonly SecondUnit[]): number | null {
  const window = units.reduce((t, u) => t + u.windowShare, 0);
  return window > 0 ? units.reduce((t, u) => t + u.answered, 0) / window : null;
}

/** CPU ms per 2xx answer over the seconds whose CPU is known (resample among those only). */
export function cpuMsPerSuccess(units: readonly SecondUnit[]): number | null {
  const known = units.filter((u) => u.cpuMs !== null);
  const success = known.reduce((t, u) => t + u.success, 0);
  return success > 0 ? known.reduce((t, u) => t + (u.cpuMs ?? 0), 0) / success : null;
}
