import type { IBackoff, IBackoffFactory, IRetryBackoffContext } from 'cockatiel';

type Context = IRetryBackoffContext<unknown>;

/**
 * Asked before every retry with the delay it would wait: throws to give up (the last failure then stands).
 * cockatiel calls a backoff exactly when it is about to retry, which makes it the one place to decide
 * "not past the deadline" and "within the budget" without wrapping the retry loop by hand.
 */
export type RetryGate = (delayMs: number, context: Context) => void;

export class GatedBackoff implements IBackoffFactory<Context> {
  readonly #inner: IBackoffFactory<Context>;
  readonly #gate: RetryGate;

  constructor(inner: IBackoffFactory<Context>, gate: RetryGate) {
    this.#inner = inner;
    this.#gate = gate;
  }

  next(context: Context): IBackoff<Context> {
    return gated(this.#inner.next(context), this.#gate, context);
  }
}

function gated(backoff: IBackoff<Context>, gate: RetryGate, context: Context): IBackoff<Context> {
  gate(backoff.duration, context);
  return {
    duration: backoff.duration,
    next: (nextContext: Context) => gated(backoff.next(nextContext), gate, nextContext),
  };
}

/** Stops the retries by rethrowing the failure the last attempt ended in. */
export function giveUp(context: Context): never {
  throw 'error' in context.result ? context.result.error : new Error('retry gave up');
}
