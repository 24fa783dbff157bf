import { decodeFromCompressedBase64 } from 'hdr-histogram-js';
import { createLatencyHistogram, summarizeLatency, type LatencySummary } from '../latency-histogram.js';
import type { ClassResult, OpenLoopResult, ScheduleLag, SecondSample } from '../open-loop-result.js';
import type { OutcomeCounts } from '../outcome-tally.js';
import type { ErrorsByKind } from '../transport-error.js';

/**
 * The result of one schedule sent by several slices (see protocol.ts), as if one generator had sent it: counts
 * are summed and latency histograms added, so every percentile is the one a single histogram fed all values
 * would give (exact, not an average of percentiles). Rates are sums too: every slice measures the same window.
 * Seconds are matched by index (the slices start together, see `atEpochMs`). The merged schedule lag is that of
 * all requests; the lag rule still judges each slice on its own (see the result's `workers`).
 */
export function mergeOpenLoopResults(parts: readonly OpenLoopResult[]): OpenLoopResult {
  const first = parts[0];
  if (first === undefined) throw new RangeError('nothing to merge: no worker returned a result');
  const classNames = [...new Set(parts.flatMap((part) => Object.keys(part.classes)))];
  const classes: Record<string, ClassResult> = {};
  for (const name of classNames) {
    const samples = parts.map((part) => part.classes[name]).filter((c): c is ClassResult => c !== undefined);
    classes[name] = {
      ...mergeSamples(samples),
      scheduled: sum(samples, (c) => c.scheduled),
      offeredRate: sum(samples, (c) => c.offeredRate),
      achievedRate: sum(samples, (c) => c.achievedRate),
    };
  }
  const bySecond = new Map<number, SecondSample[]>();
  for (const sample of parts.flatMap((part) => part.perSecond)) {
    bySecond.set(sample.second, [...(bySecond.get(sample.second) ?? []), sample]);
  }
  const perSecond = [...bySecond.keys()]
    .sort((a, b) => a - b)
    .map((second) => mergeSeconds(second, bySecond.get(second) as SecondSample[]));
  const limited = parts.find((part) => part.generatorLimited);
  return {
    classes,
    perSecond,
    scheduleLag: mergeLag(parts.map((part) => part.scheduleLag)),
    generatorLimited: limited !== undefined,
    ...(limited?.reason !== undefined && { reason: limited.reason }),
    aborted: parts.some((part) => part.aborted),
    durationMs: first.durationMs,
    warmupMs: first.warmupMs,
    ratePerSecond: first.ratePerSecond,
    seed: first.seed,
  };
}

/** One second of several slices: each class merged (a class absent from a slice's second counts nothing). */
export function mergeSeconds(second: number, samples: readonly SecondSample[]): SecondSample {
  const names = [...new Set(samples.flatMap((sample) => Object.keys(sample.classes)))];
  const classes: SecondSample['classes'] = {};
  for (const name of names) {
    classes[name] = mergeSamples(samples.map((s) => s.classes[name]).filter((c) => c !== undefined));
  }
  return { second, classes };
}

function mergeSamples(samples: readonly (OutcomeCounts & LatencySummary)[]): OutcomeCounts & LatencySummary {
  const histogram = createLatencyHistogram();
  for (const sample of samples) histogram.add(decodeFromCompressedBase64(sample.histogram));
  const retries = sum(samples, (s) => s.retries ?? 0);
  const counts: OutcomeCounts = {
    sent: sum(samples, (s) => s.sent),
    dropped: sum(samples, (s) => s.dropped),
    completed: sum(samples, (s) => s.completed),
    success: sum(samples, (s) => s.success),
    rejection: sum(samples, (s) => s.rejection),
    error: sum(samples, (s) => s.error),
    statuses: addCounts(samples.map((s) => s.statuses)),
    errorsByKind: addCounts(samples.map((s) => s.errorsByKind)) as ErrorsByKind,
    // Present only when some slice retried, as in a single generator's result.
    ...(samples.some((s) => s.retries !== undefined) && { retries }),
  };
  // The encoding keeps buckets (0.1%), not the exact maximum: each slice's own maximum is exact.
  return { ...counts, ...summarizeLatency(histogram), max: Math.max(0, ...samples.map((s) => s.max)) };
}

function mergeLag(lags: readonly ScheduleLag[]): ScheduleLag {
  if (lags.some((lag) => lag.histogram === undefined))
    throw new RangeError('a slice returned its schedule lag without its histogram: it cannot be merged exactly');
  const histogram = createLatencyHistogram();
  for (const lag of lags) histogram.add(decodeFromCompressedBase64(lag.histogram as string));
  const { count, p50, p99, histogram: encoded } = summarizeLatency(histogram);
  return { count, p50, p99, max: Math.max(0, ...lags.map((lag) => lag.max)), histogram: encoded };
}

function addCounts(records: readonly Record<string, number>[]): Record<string, number> {
  const total: Record<string, number> = {};
  for (const record of records) {
    for (const [key, count] of Object.entries(record)) total[key] = (total[key] ?? 0) + count;
  }
  return total;
}

function sum<T>(items: readonly T[], of: (item: T) => number): number {
  return items.reduce((total, item) => total + of(item), 0);
}
