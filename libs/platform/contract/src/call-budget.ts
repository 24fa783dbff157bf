import { AsyncLocalStorage } from 'node:async_hooks';
import { performance } from 'node:perf_hooks';
import { DomainError } from './domain-error.js';

/**
 * The time a request may still take, end to end, and whether its caller is still there. The
 * process that receives a request from outside starts the budget; every hop after it inherits
 * what is left (carried over HTTP as a header of remaining milliseconds, like gRPC's
 * `grpc-timeout`), so a purchase has one deadline however many processes it crosses, and no
 * module keeps working for a caller that has stopped waiting.
 *
 * It lives beside the contracts, not in the HTTP adapter, because modules read it too: the
 * checkout flow stops between steps, and an in-process call refuses to start, exactly as a
 * remote one does.
 */
export class CallBudget {
  readonly #deadline: number;
  readonly #gone = new AbortController();
  #signal: AbortSignal | undefined;

  constructor(budgetMs: number) {
    this.#deadline = performance.now() + budgetMs;
  }

  /** Aborts (with `caller_gone`) when the caller has left, whatever time is left. */
  get callerGone(): AbortSignal {
    return this.#gone.signal;
  }

  /** Whole milliseconds left (0 once the deadline has passed). */
  remainingMs(): number {
    return Math.max(0, Math.floor(this.#deadline - performance.now()));
  }

  /** The caller is gone (its connection closed before the answer): everything still running for it may stop. */
  cancel(reason: DomainError = callerGone()): void {
    this.#gone.abort(reason);
  }

  /**
   * Aborts when the caller is gone or the deadline passes. Made on first use only: most
   * requests never ask for it, and a timer per request is a cost the benchmark would measure.
   */
  get signal(): AbortSignal {
    this.#signal ??= AbortSignal.any([this.#gone.signal, AbortSignal.timeout(this.remainingMs())]);
    return this.#signal;
  }

  /** Throws the reason to stop (caller gone: `caller_gone`; deadline passed: `dependency_timeout`), if any. */
  throwIfSpent(before: string): void {
    if (this.#gone.signal.aborted) throw this.#gone.signal.reason;
    if (this.#deadline - performance.now() <= 0) throw budgetSpent(before);
  }
}

/** The deadline passed before `before` could start: the same 503 a remote call that timed out gives. */
export function budgetSpent(before: string): DomainError {
  return new DomainError('dependency_timeout', 503, `the request's deadline passed before ${before}`, {
    dependency: before,
    budget: 'spent',
  });
}

/** Never seen by the caller (it is gone); it stops the work and names why in the logs. */
export function callerGone(): DomainError {
  return new DomainError('caller_gone', 499, 'the caller closed the connection before the answer');
}

const storage = new AsyncLocalStorage<CallBudget>();

export function runWithBudget<T>(budget: CallBudget, fn: () => T): T {
  return storage.run(budget, fn);
}

/** The budget of the request being served, if any (work started outside a request has none). */
export function currentBudget(): CallBudget | undefined {
  return storage.getStore();
}

/**
 * Stops the current request's work when its caller is gone or its deadline has passed, naming
 * what was about to start. A no-op outside a request.
 */
export function throwIfBudgetSpent(before: string): void {
  storage.getStore()?.throwIfSpent(before);
}
