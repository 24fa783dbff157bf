import { CallBudget } from '@paybench/platform-contract';

/**
 * The milliseconds a caller will still wait for the answer, sent with every internal call (like
 * gRPC's `grpc-timeout`): relative, so the two processes' clocks never need to agree.
 */
export const DEADLINE_HEADER = 'x-paybench-deadline-ms';

const WHOLE_MS = /^\d{1,10}$/;

/**
 * The budget of a request that just arrived: this process's own limit (`ownMs`, its
 * callTimeoutMs), shortened by the caller's header when the caller will wait less. A header
 * that is not a whole number of milliseconds is ignored, never trusted to lengthen anything.
 */
export function budgetForRequest(header: string | undefined, ownMs: number | undefined): CallBudget | undefined {
  const asked = header !== undefined && WHOLE_MS.test(header) ? Number(header) : undefined;
  if (asked === undefined && ownMs === undefined) return undefined;
  return new CallBudget(Math.min(asked ?? Number.POSITIVE_INFINITY, ownMs ?? Number.POSITIVE_INFINITY));
}

/**
 * What an outgoing call waits under. Made while serving a request, that is the request's own
 * signal (caller gone, or deadline), shared by all of its calls; only a call whose own timeout
 * ends before the request's deadline needs a timer, and a combined signal, of its own.
 */
export function callSignal(budget: CallBudget | undefined, ownMs: number): AbortSignal {
  if (!budget) return AbortSignal.timeout(ownMs);
  if (ownMs < budget.remainingMs()) return AbortSignal.any([AbortSignal.timeout(ownMs), budget.signal]);
  return budget.signal;
}
