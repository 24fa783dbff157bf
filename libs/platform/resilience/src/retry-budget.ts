import type { RetryBudget } from './resilience-preset.js';

/**
 * A token bucket of retries for one callee (gRPC's retry throttling, Finagle's RetryBudget): each call puts
 * `ratio` of a token in, each retry takes a whole one out, the bucket holds at most `burst` and starts full.
 * Two numbers and no timer: cheap enough to touch on every call.
 */
export class RetryTokens {
  readonly #ratio: number;
  readonly #burst: number;
  #tokens: number;

  constructor(budget: RetryBudget) {
    this.#ratio = budget.ratio;
    this.#burst = budget.burst;
    this.#tokens = budget.burst;
  }

  deposit(): void {
    this.#tokens = Math.min(this.#burst, this.#tokens + this.#ratio);
  }

  /** Takes a token for one retry; false when the budget is spent (the failure stands). */
  tryWithdraw(): boolean {
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }
}
