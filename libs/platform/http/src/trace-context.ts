import { randomBytes } from 'node:crypto';
import { currentRequest, runInRequest, type TraceIds } from '@paybench/platform-contract';

/** W3C Trace Context: one trace id for a whole purchase, a new span id per hop. */
export type TraceContext = TraceIds;

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/;

// The trace lives in the request's one context store, beside its budget (see request-context.ts).
export function currentTrace(): TraceContext | undefined {
  return currentRequest()?.trace;
}

/** Runs `fn` with `context` as the current trace, keeping the current request's budget. */
export function runWithTrace<T>(context: TraceContext, fn: () => T): T {
  return runInRequest({ trace: context, budget: currentRequest()?.budget }, fn);
}

/** Continues the caller's trace from a `traceparent` header, or starts a new one. */
export function traceFromHeader(header: string | undefined): TraceContext {
  const match = header ? TRACEPARENT.exec(header) : null;
  const traceId = match?.[1];
  return {
    traceId: traceId && !/^0+$/.test(traceId) ? traceId : randomBytes(16).toString('hex'),
    spanId: randomBytes(8).toString('hex'),
  };
}

/** The header an outgoing call carries: same trace, a fresh span for the hop. */
export function outgoingTraceparent(): string | undefined {
  const context = currentRequest()?.trace;
  if (!context) return undefined;
  return `00-${context.traceId}-${randomBytes(8).toString('hex')}-01`;
}

/** Fields for every log line written while handling a request. */
export function traceLogFields(): Record<string, string> {
  const context = currentRequest()?.trace;
  return context ? { trace: context.traceId, span: context.spanId } : {};
}
