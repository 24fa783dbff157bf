import { z } from 'zod';
import { ResiliencePreset } from './resilience-preset.js';

/**
 * The built-in presets, validated like any configuration. Two ends of the same switches:
 * - `naive`: what many clients do by default: the client's own timeout on every attempt, and up to three
 *   immediate retries with no budget: under a slowdown every caller multiplies its load on the slow part.
 * - `resilient`: attempts under the one end-to-end deadline, a few retries with exponential backoff and jitter
 *   within a retry budget, a circuit breaker and a bulkhead per callee, and the configured fallbacks.
 * A scenario that names no preset runs with none: one attempt per call under the deadline, as before presets.
 */
export const RESILIENCE_PRESETS = z.record(z.string(), ResiliencePreset).parse({
  naive: {
    name: 'naive',
    description: "the client's timeout only; up to 3 immediate retries, no budget, no breaker, no fallback",
    deadline: 'ignore',
    retry: { maxRetries: 3, backoff: { kind: 'none' } },
    fallbacks: false,
  },
  resilient: {
    name: 'resilient',
    description:
      'attempts of 500 ms at most within the end-to-end deadline; 2 retries, exponential backoff with jitter, ' +
      'a 20% retry budget; a breaker and a bulkhead per callee; the configured fallbacks',
    deadline: 'propagate',
    attemptTimeoutMs: 500,
    retry: {
      maxRetries: 2,
      backoff: { kind: 'exponential', initialMs: 20, maxMs: 200, jitter: 'full' },
      budget: { ratio: 0.2, burst: 10 },
    },
    breaker: { consecutiveFailures: 5, halfOpenAfterMs: 1_000 },
    bulkhead: { maxConcurrent: 32, maxQueued: 16 },
    fallbacks: true,
  },
} satisfies Record<string, z.input<typeof ResiliencePreset>>);

export const resiliencePresetNames = (): string[] => Object.keys(RESILIENCE_PRESETS);

/** The preset of that name; throws naming the known ones. */
export function resiliencePreset(name: string): ResiliencePreset {
  const preset = Object.hasOwn(RESILIENCE_PRESETS, name) ? RESILIENCE_PRESETS[name] : undefined;
  if (!preset) throw new Error(`unknown resilience preset "${name}" (known: ${resiliencePresetNames().join(', ')})`);
  return preset;
}
