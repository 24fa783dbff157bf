import { z } from 'zod';

const Ms = z.number().int().positive();

/** How long to wait between two attempts: at once, or exponentially longer (cockatiel's backoffs). */
export const Backoff = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('none') }),
  z.strictObject({
    kind: z.literal('exponential'),
    /** The first delay, doubled at each retry up to `maxMs`. */
    initialMs: Ms,
    maxMs: Ms,
    /** cockatiel's jitter generators: `decorrelated` (its default), `full` [0, d), `half` [d/2, d), `none`. */
    jitter: z.enum(['decorrelated', 'full', 'half', 'none']),
  }),
]);
export type Backoff = z.infer<typeof Backoff>;

/**
 * A retry budget (a token bucket per callee, like gRPC's retry throttling): every call adds `ratio` of a
 * token, every retry takes one, the bucket holds at most `burst`. Retries then stay below `ratio` of the
 * calls once a burst is spent, so a slow callee sees at most that much extra load from retries.
 */
export const RetryBudget = z.strictObject({
  ratio: z.number().positive().max(1),
  burst: z.number().int().positive().max(1_000),
});
export type RetryBudget = z.infer<typeof RetryBudget>;

export const RetryPolicy = z.strictObject({
  /** Retries after the first attempt (0: none). Only idempotent operations and keyed calls are ever retried. */
  maxRetries: z.number().int().min(0).max(10),
  backoff: Backoff,
  /** Absent: no budget, every eligible failure is retried (what turns a slowdown into a storm). */
  budget: RetryBudget.optional(),
});
export type RetryPolicy = z.infer<typeof RetryPolicy>;

/** Opens after this many failures in a row of one callee; lets one trial call through after `halfOpenAfterMs`. */
export const BreakerPolicy = z.strictObject({
  consecutiveFailures: z.number().int().positive().max(1_000),
  halfOpenAfterMs: Ms,
});
export type BreakerPolicy = z.infer<typeof BreakerPolicy>;

/** At most `maxConcurrent` calls in flight to one callee, `maxQueued` waiting; beyond, refused at once. */
export const BulkheadPolicy = z.strictObject({
  maxConcurrent: z.number().int().positive().max(10_000),
  maxQueued: z.number().int().min(0).max(10_000),
});
export type BulkheadPolicy = z.infer<typeof BulkheadPolicy>;

/**
 * What a process does around its calls to other modules. Absent altogether (no preset), a call is what it
 * always was: one attempt, under the request's deadline. Every part is optional, so a preset is a set of
 * switches.
 */
export const ResiliencePreset = z.strictObject({
  name: z.string().regex(/^[a-z][a-z0-9-]*$/, 'lowercase letters, digits and dashes'),
  description: z.string().min(1),
  /**
   * `propagate`: every attempt waits at most what is left of the request's one end-to-end deadline and
   * sends that on (the platform's deadline, reused); a retry that would start past it is not made.
   * `ignore`: every attempt waits the client's own timeout, whatever the caller upstream still waits for.
   */
  deadline: z.enum(['propagate', 'ignore']),
  /** Each attempt's own timeout (always within the deadline when it propagates); absent: the process's call timeout. */
  attemptTimeoutMs: Ms.optional(),
  retry: RetryPolicy.optional(),
  breaker: BreakerPolicy.optional(),
  bulkhead: BulkheadPolicy.optional(),
  /** Whether modules take the fallbacks their configuration declares when a dependency is unavailable. */
  fallbacks: z.boolean(),
});
export type ResiliencePreset = z.infer<typeof ResiliencePreset>;
