import { noErrors, type SecondClassSample, TRANSPORT_ERROR_KINDS } from '@paybench/bench-load';
import type { TrafficFigures } from '@paybench/bench-results';
import { countSamplesAbove, latencyFigures, mergeEncodedHistograms } from './merged-latency.js';

/** What "within the SLO" is judged against. */
export interface SloContext {
  /** The scenario's latency objective (scenario.slo.p99Ms). */
  sloP99Ms: number;
  /** The scenario's request timeout, when known: every timeout is then known to be slower than the SLO. */
  requestTimeoutMs: number | null;
}

/**
 * Adds up per-second class samples (any mix of seconds and classes) into the figures of the
 * stretch they cover. `coveredMs` is the length of window the samples cover: rates divide by it.
 */
export function trafficFigures(
  samples: readonly SecondClassSample[],
  coveredMs: number,
  slo: SloContext,
): TrafficFigures {
  const sum = (field: 'sent' | 'dropped' | 'completed' | 'success' | 'rejection' | 'error') =>
    samples.reduce((total, sample) => total + sample[field], 0);
  const statuses: Record<string, number> = {};
  const errorsByKind = noErrors();
  for (const sample of samples) {
    for (const [status, count] of Object.entries(sample.statuses)) statuses[status] = (statuses[status] ?? 0) + count;
    for (const kind of TRANSPORT_ERROR_KINDS) errorsByKind[kind] += sample.errorsByKind[kind];
  }
  const sent = sum('sent');
  const dropped = sum('dropped');
  const completed = sum('completed');
  const success = sum('success');
  const rejection = sum('rejection');
  const error = sum('error');
  const unanswered = TRANSPORT_ERROR_KINDS.reduce((total, kind) => total + errorsByKind[kind], 0);
  const scheduled = sent + dropped;
  const histogram = mergeEncodedHistograms(samples.map((sample) => sample.histogram));
  const perSecond = (count: number) => (coveredMs > 0 ? count / (coveredMs / 1000) : null);
  const share = (count: number) => (scheduled > 0 ? Math.min(1, count / scheduled) : null);

  const samplesAboveSlo = countSamplesAbove(histogram, slo.sloP99Ms * 1000);
  const timeoutsAboveSlo =
    slo.requestTimeoutMs !== null && slo.requestTimeoutMs > slo.sloP99Ms ? errorsByKind.timeout : 0;
  const good = Math.max(0, success + rejection - Math.max(0, samplesAboveSlo - timeoutsAboveSlo));

  return {
    scheduled,
    sent,
    dropped,
    completed,
    success,
    rejection,
    error,
    answered: completed - unanswered,
    errorStatuses: error - unanswered,
    statuses,
    errorsByKind,
    timeouts: errorsByKind.timeout,
    offeredPerSecond: perSecond(scheduled),
    answeredPerSecond: perSecond(completed - unanswered),
    successPerSecond: perSecond(success),
    latency: latencyFigures(histogram),
    availability: share(success + rejection),
    withinSlo: { sloMs: slo.sloP99Ms, samplesAboveSlo, timeoutsAboveSlo, good, availability: share(good) },
  };
}
