import { performance } from 'node:perf_hooks';
import { DomainError } from './domain-error.js';
import { currentRequest, runInRequest } from './request-context.js';

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
 *
 * It is made for every request every process serves, so it costs nothing until asked: no
 * AbortController and no timer until something wants the signal (a leaf module never does).
 */
export class CallBudget {
  readonly #deadline: number;
  #gone: DomainError | undefined;
  #controller: AbortController | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #released = false;

  constructor(budgetMs: number) {
    this.#deadline = performance.now() + budgetMs;
  }

  /** True once the caller has left (its connection closed before the answer), whatever time is left. */
  get isCallerGone(): boolean {
    return this.#gone !== undefined;
  }

  /** Whole milliseconds left (0 once the deadline has passed). */
  remainingMs(): number {
    return Math.max(0, Math.floor(this.#deadline - performance.now()));
  }

  /** The caller is gone (its connection closed before the answer): everything still running for it may stop. */
  cancel(reason: DomainError = callerGone()): void {
    if (this.#gone) return;
    this.#gone = reason;
    this.#controller?.abort(reason);
    this.release();
  }

  /**
   * Aborts when the caller is gone (reason: `caller_gone`) or the deadline passes (reason: a
   * TimeoutError, as AbortSignal.timeout gives). One signal per request, shared by all its
   * outgoing calls: combining a signal per call (AbortSignal.any) was a measurable cost per hop.
   * Its one timer starts on first use and stops at release().
   */
  get signal(): AbortSignal {
    if (!this.#controller) {
      this.#controller = new AbortController();
      if (this.#gone) this.#controller.abort(this.#gone);
      else if (!this.#released) {
        this.#timer = setTimeout(expire, this.#deadline - performance.now(), this.#controller);
        this.#timer.unref();
      }
    }
    return this.#controller.signal;
  }

  /** The answer is out: the deadline timer, if started, has nothing left to stop. */
  release(): void {
    this.#released = true;
    if (this.#timer) clearTimeout(this.#timer);
  }

  /** Throws the reason to stop (caller gone: `caller_gone`; deadline passed: `dependency_timeout`), if any. */
  throwIfSpent(before: string): void {
    if (this.#gone) throw this.#gone;
    if (this.#deadline - performance.now() <= 0) throw budgetSpent(before);
  }
}

function expire(controller: AbortController): void {
  controller.abort(new DOMException("the request's deadline passed", 'TimeoutError'));
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

/** Runs `fn` under `budget`, keeping the current request's trace (see request-context.ts). */
export function runWithBudget<T>(budget: CallBudget, fn: () => T): T {
  return runInRequest({ trace: currentRequest()?.trace, budget }, fn);
}

/** The budget of the request being served, if any (work started outside a request has none). */
export function currentBudget(): CallBudget | undefined {
  return currentRequest()?.budget;
}

/**
 * Stops the current request's work when its caller is gone or its deadline has passed, naming
 * what was about to start. A no-op outside a request.
 */
export function throwIfBudgetSpent(before: string): void {
  currentRequest()?.budget?.throwIfSpent(before);
}
