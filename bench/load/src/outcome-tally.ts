import type { Histogram } from 'hdr-histogram-js';
import { createLatencyHistogram, recordMillis, summarizeLatency, type LatencySummary } from './latency-histogram.js';
import type { ResponseOutcome } from './request-spec.js';
import { noErrors, type ErrorsByKind, type TransportErrorKind } from './transport-error.js';

/** How one sent request ended: an HTTP answer, or none. */
export type RequestEnding = { status: number; outcome: ResponseOutcome } | { errorKind: TransportErrorKind };

/**
 * Counts for one traffic class over some window (one second, or the whole measured run).
 * Invariants: success + rejection + error == completed; the sum of `statuses` plus the sum of
 * `errorsByKind` == completed.
 */
export interface OutcomeCounts {
  /** Requests due in this window (by intended start time) that were sent. */
  sent: number;
  /** Requests due in this window that were not sent because maxInFlight requests were outstanding. */
  dropped: number;
  /** Requests that ended (answered, or failed without an answer). */
  completed: number;
  /** Answered with a status the class classifies as success (by default 2xx). */
  success: number;
  /** Answered with a business rejection (by default 422): a correct answer, not an error. */
  rejection: number;
  /** Answered with an error status, or not answered at all (transport error or timeout). */
  error: number;
  /** Answers by exact HTTP status code. */
  statuses: Record<string, number>;
  /** Requests that got no HTTP answer, by reason. */
  errorsByKind: ErrorsByKind;
  /**
   * Optional (only when the load generator acts as a retrying client, and only once it retried): attempts sent
   * again in this window, by the time they were sent. Client requests are `sent` (once each, by intended start),
   * so attempts = sent + retries; a retried request ends, and is counted in the outcomes, once, at its final answer.
   */
  retries?: number;
  /**
   * Optional (a retrying client with a budget, and only once the budget refused one): failed attempts that would have
   * been retried but the client's retry budget had nothing left, so their client requests ended there; counted in the
   * window in which they were refused. Attempts = sent + retries still; these are retries not made.
   */
  retriesOverBudget?: number;
}

export interface OutcomeTally extends OutcomeCounts {
  latency: Histogram;
}

export function createTally(): OutcomeTally {
  return {
    sent: 0,
    dropped: 0,
    completed: 0,
    success: 0,
    rejection: 0,
    error: 0,
    statuses: {},
    errorsByKind: noErrors(),
    latency: createLatencyHistogram(),
  };
}

/**
 * Counts an ending. Latency is recorded for every answer (whatever its status) and for every
 * timeout, as the time waited until the request was given up (so at least timeoutMs): a timeout
 * is the slowest possible experience and leaving it out would flatter the tail. Other transport
 * errors (refused, reset) are counted but not recorded: they often fail in microseconds, and
 * recording them would make a broken system look fast.
 */
export function tallyEnding(tally: OutcomeTally, ending: RequestEnding, latencyMs: number): void {
  tally.completed++;
  if ('status' in ending) {
    tally[ending.outcome]++;
    tally.statuses[ending.status] = (tally.statuses[ending.status] ?? 0) + 1;
    recordMillis(tally.latency, latencyMs);
    return;
  }
  tally.error++;
  tally.errorsByKind[ending.errorKind]++;
  if (ending.errorKind === 'timeout') recordMillis(tally.latency, latencyMs);
}

export function summarizeTally(tally: OutcomeTally): OutcomeCounts & LatencySummary {
  const { latency, ...counts } = tally;
  return { ...counts, ...summarizeLatency(latency) };
}
