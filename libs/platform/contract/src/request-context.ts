import { AsyncLocalStorage } from 'node:async_hooks';
import type { CallBudget } from './call-budget.js';

/** W3C Trace Context ids of the request being served: one trace id per purchase, a new span id per hop. */
export interface TraceIds {
  readonly traceId: string;
  readonly spanId: string;
}

/**
 * What a process knows about the request it is serving: its trace (log lines, the next hop's
 * `traceparent`) and its budget (deadline, caller still there). Both live in this one store, not
 * one AsyncLocalStorage each: every `run` copies the async context frame, and a purchase pays
 * that at every hop of every process it crosses.
 */
export interface RequestContext {
  readonly trace: TraceIds | undefined;
  readonly budget: CallBudget | undefined;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runInRequest<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

/** The request being served, if any (work started outside a request has none). */
export function currentRequest(): RequestContext | undefined {
  return storage.getStore();
}
