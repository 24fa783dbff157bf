import type { RequestEnding } from './outcome-tally.js';

/** The load generator as a retrying client (see the scenario's `clientRetries`). */
export interface ClientRetryOptions {
  /** Retries after the first attempt, at most. */
  max: number;
  /** The n-th retry waits backoffMs x 2^(n-1) after the failed attempt ended; 0 retries at once. */
  backoffMs?: number;
  /** At most this many retries per client request, over about the last 10 s (a token bucket); none: no cap. */
  budget?: number;
}

/** What becomes of a failed attempt: tried again, the end of its client request, or refused by the budget. */
export type RetryDecision = 'retry' | 'final' | 'over-budget';

/** How many seconds of unspent budget the bucket keeps: a long calm must not bank a storm's worth of retries. */
const BUDGET_SECONDS = 10;

/**
 * Decides whether an attempt is tried again, and when. A failure is what a client would retry with the same
 * idempotency key: a timeout, a transport error (reset, refused, other) or a 5xx answer; a 4xx (a rejection, a
 * conflict) is an answer and never retried, and a request cancelled by the run's own stop is not the system's
 * failure. Costs nothing per request unless a budget is set (one addition per client request).
 */
export class ClientRetryPolicy {
  readonly max: number;
  readonly #backoffMs: number;
  readonly #budget: number | undefined;
  readonly #cap: number;
  #tokens = 0;

  /** `ratePerSecond`: the base offered rate, which sizes the budget's bucket. */
  constructor(options: ClientRetryOptions, ratePerSecond: number) {
    if (!Number.isInteger(options.max) || options.max < 1)
      throw new RangeError(`clientRetries.max must be an integer >= 1, got ${options.max}`);
    const backoffMs = options.backoffMs ?? 0;
    if (!(backoffMs >= 0) || !Number.isFinite(backoffMs))
      throw new RangeError(`clientRetries.backoffMs must be >= 0, got ${backoffMs}`);
    if (options.budget !== undefined && !(options.budget > 0))
      throw new RangeError(`clientRetries.budget must be > 0, got ${options.budget}`);
    this.max = options.max;
    this.#backoffMs = backoffMs;
    this.#budget = options.budget;
    this.#cap = Math.max(1, (options.budget ?? 0) * ratePerSecond * BUDGET_SECONDS);
  }

  /** A client request was sent for the first time: it earns its share of retries. */
  clientRequestSent(): void {
    if (this.#budget !== undefined) this.#tokens = Math.min(this.#cap, this.#tokens + this.#budget);
  }

  /**
   * Whether attempt `attempt` (0: the first) that ended so is tried again (`retry`; a granted retry spends budget),
   * ends its client request (`final`), or would have been retried but the budget had nothing left (`over-budget`).
   */
  decide(attempt: number, ending: RequestEnding): RetryDecision {
    if (attempt >= this.max || !isRetryable(ending)) return 'final';
    if (this.#budget === undefined) return 'retry';
    if (this.#tokens < 1) return 'over-budget';
    this.#tokens -= 1;
    return 'retry';
  }

  /** How long retry `retry` (1: the first retry) waits after the failed attempt ended. */
  delayMs(retry: number): number {
    return this.#backoffMs * 2 ** (retry - 1);
  }
}

export function isRetryable(ending: RequestEnding): boolean {
  return 'status' in ending ? ending.status >= 500 : ending.errorKind !== 'cancelled';
}
