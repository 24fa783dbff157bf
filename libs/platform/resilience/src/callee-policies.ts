import { currentBudget } from '@paybench/platform-contract';
import {
  BrokenCircuitError,
  bulkhead,
  BulkheadRejectedError,
  circuitBreaker,
  ConsecutiveBreaker,
  ConstantBackoff,
  decorrelatedJitterGenerator,
  ExponentialBackoff,
  fullJitterGenerator,
  halfJitterGenerator,
  handleWhen,
  noJitterGenerator,
  retry,
  type BulkheadPolicy,
  type CircuitBreakerPolicy,
  type GeneratorFn,
  type IBackoffFactory,
  type IRetryBackoffContext,
  type RetryPolicy,
} from 'cockatiel';
import { GatedBackoff, giveUp } from './gated-backoff.js';
import type { PolicyCounters } from './policy-counters.js';
import type { Backoff, ResiliencePreset } from './resilience-preset.js';
import { RetryTokens } from './retry-budget.js';
import { isDependencyFailure, isRetryableFailure, policyRefusal } from './unavailable.js';

/**
 * The policies of one callee in one process, built once from the preset and shared by every binding of that
 * callee (a breaker or a bulkhead made per call, or per operation, would protect nothing). A call runs as
 * retry (outermost; only for calls that may be repeated) -> breaker -> bulkhead -> the attempt.
 */
export class CalleePolicies {
  readonly callee: string;
  readonly #retry: RetryPolicy | undefined;
  readonly #tokens: RetryTokens | undefined;
  readonly #breaker: CircuitBreakerPolicy | undefined;
  readonly #bulkhead: BulkheadPolicy | undefined;
  readonly #counters: PolicyCounters;

  constructor(callee: string, preset: ResiliencePreset, counters: PolicyCounters) {
    this.callee = callee;
    this.#counters = counters;
    if (preset.breaker) {
      this.#breaker = circuitBreaker(handleWhen(isDependencyFailure), {
        halfOpenAfter: preset.breaker.halfOpenAfterMs,
        breaker: new ConsecutiveBreaker(preset.breaker.consecutiveFailures),
      });
      this.#breaker.onBreak(() => counters.add(callee, 'breakerOpens'));
    }
    if (preset.bulkhead) {
      this.#bulkhead = bulkhead(preset.bulkhead.maxConcurrent, preset.bulkhead.maxQueued);
      this.#bulkhead.onReject(() => counters.add(callee, 'bulkheadRejections'));
    }
    if (preset.retry && preset.retry.maxRetries > 0) {
      const tokens = preset.retry.budget ? new RetryTokens(preset.retry.budget) : undefined;
      const respectDeadline = preset.deadline === 'propagate';
      const backoff = new GatedBackoff(backoffFactory(preset.retry.backoff), (delayMs, context) => {
        if (respectDeadline) {
          const budget = currentBudget();
          // Never past the deadline: the retry must be able to start, after its delay, with time left.
          if (budget && (budget.isCallerGone || budget.remainingMs() <= delayMs)) giveUp(context);
        }
        if (tokens && !tokens.tryWithdraw()) giveUp(context);
      });
      this.#retry = retry(handleWhen(isRetryableFailure), { maxAttempts: preset.retry.maxRetries, backoff });
      this.#retry.onRetry(() => counters.add(callee, 'retries'));
      this.#tokens = tokens;
    }
  }

  /** Runs `attempt` under this callee's policies; `repeatable` says whether a failed attempt may be made again. */
  execute<T>(attempt: () => Promise<T>, repeatable: boolean): Promise<T> {
    this.#tokens?.deposit();
    const guarded = () => this.#guarded(attempt);
    return repeatable && this.#retry ? this.#retry.execute(guarded) : guarded();
  }

  async #guarded<T>(attempt: () => Promise<T>): Promise<T> {
    const breaker = this.#breaker;
    const limiter = this.#bulkhead;
    const limited = limiter ? () => limiter.execute(attempt) : attempt;
    try {
      return await (breaker ? breaker.execute(limited) : limited());
    } catch (error) {
      if (error instanceof BrokenCircuitError) {
        this.#counters.add(this.callee, 'breakerRejections');
        throw policyRefusal(this.callee, 'circuit_open');
      }
      if (error instanceof BulkheadRejectedError) throw policyRefusal(this.callee, 'bulkhead_full');
      throw error;
    }
  }
}

function backoffFactory(backoff: Backoff): IBackoffFactory<IRetryBackoffContext<unknown>> {
  if (backoff.kind === 'none') return new ConstantBackoff(0);
  return new ExponentialBackoff({
    initialDelay: backoff.initialMs,
    maxDelay: backoff.maxMs,
    // The generators keep different state types; the backoff only threads it through.
    generator: JITTER[backoff.jitter] as GeneratorFn<unknown>,
  });
}

const JITTER = {
  decorrelated: decorrelatedJitterGenerator,
  full: fullJitterGenerator,
  half: halfJitterGenerator,
  none: noJitterGenerator,
} as const;
