import type { ErrorsByKind, SecondClassSample } from '../load/index.js';
import { noErrors, TRANSPORT_ERROR_KINDS } from '../load/transport-error.js';
import { countSamplesAbove, latencyFigures, mergeEncodedHistograms, type LatencyFigures } from './merged-latency.js';

/** What "within the SLO" is judged against. */
export interface SloContext {
  /** The scenario's latency objective (scenario.slo.p99Ms). */
  sloP99Ms: number;
  /** The scenario's request timeout, when known: every timeout is then known to be slower than the SLO. */
  requestTimeoutMs: number | null;
}

/**
 * Availability within the SLO, with its inputs so that it can be checked by hand. Per-second data
 * holds counts and a latency histogram, not (latency, outcome) pairs per request, so it is an
 * estimate:
 *
 *   good         = success + rejection - max(0, samplesAboveSlo - timeoutsAboveSlo), at least 0
 *   availability = good / scheduled
 *
 * Timeouts are errors (not in success + rejection) and all slower than the SLO when the request
 * timeout exceeds it, so they are taken out of the slow samples: a slow timeout is counted once,
 * not twice. Answers with an error status (5xx...) cannot be told apart in the histogram: a slow
 * one is still subtracted from `good` as if it were a slow success, so the figure is a lower
 * bound, exact when no error answer was slower than the SLO. Without a known request timeout,
 * timeouts are not taken out (a looser lower bound, said in the cell's notes).
 */
export interface WithinSlo {
  sloMs: number;
  /** Latency samples above the SLO (bucket rule of countSamplesAbove): answers of any status and timeouts. */
  samplesAboveSlo: number;
  /** Timeouts taken out of samplesAboveSlo (all of them when the request timeout exceeds the SLO, else 0). */
  timeoutsAboveSlo: number;
  good: number;
  /** good / scheduled, at most 1; null when nothing was scheduled. */
  availability: number | null;
}

/**
 * One stretch of an open-loop run (a phase, the whole window, or one second), for one traffic
 * class or all of them. Requests are counted as the load generator counts them: `scheduled`,
 * `sent` and `dropped` by intended start time; `completed` and its outcomes, and the latency, by
 * end time. A request due near the end of a stretch may thus end in the next one.
 */
export interface TrafficFigures {
  /** Requests due in the stretch: sent + dropped. */
  scheduled: number;
  sent: number;
  /** Not sent because maxInFlight requests were outstanding: the generator's back-pressure. */
  dropped: number;
  /** Requests that ended (answered, or given up) in the stretch. */
  completed: number;
  /** 2xx answers. */
  success: number;
  /** 422 answers: a declined payment, a correct answer. */
  rejection: number;
  /** Error answers plus requests with no answer (timeouts included). */
  error: number;
  /** HTTP answers of any status: completed minus the requests that got no answer. */
  answered: number;
  /** Answers with an error status: error minus the requests that got no answer. */
  errorStatuses: number;
  statuses: Record<string, number>;
  /** Requests with no answer, by reason. */
  errorsByKind: ErrorsByKind;
  timeouts: number;
  /** Requests due per second of the stretch (scheduled / covered seconds): the load asked for. */
  offeredPerSecond: number | null;
  /** HTTP answers (any status) per second of the stretch: the load served. */
  answeredPerSecond: number | null;
  /** 2xx answers per second of the stretch. */
  successPerSecond: number | null;
  /** From the merged histograms of every second and class in the stretch (never averaged percentiles). */
  latency: LatencyFigures;
  /** (success + rejection) / scheduled, at most 1 (answers of requests due in an earlier stretch can push it over); null when nothing was scheduled. */
  availability: number | null;
  withinSlo: WithinSlo;
}

/**
 * Adds up per-second class samples (any mix of seconds and classes) into the figures of the
 * stretch they cover. `coveredMs` is the length of window the samples cover: rates divide by it.
 */
export function trafficFigures(samples: readonly SecondClassSample[], coveredMs: number, slo: SloContext): TrafficFigures {
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
  const timeoutsAboveSlo = slo.requestTimeoutMs !== null && slo.requestTimeoutMs > slo.sloP99Ms ? errorsByKind.timeout : 0;
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
