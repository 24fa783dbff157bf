import { bindLocal, CallBudget, defineContract, DomainError, runWithBudget } from '@paybench/platform-contract';
import { isDependencyFailure, ProcessPolicies, ResiliencePreset } from '@paybench/platform-resilience';
import { beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { bindLocalContract } from './local-binding.js';

// An in-process callee that hangs, fails on demand, and counts every attempt it sees.
const risk = defineContract({
  name: 'risk',
  operations: {
    assess: { input: z.object({ ms: z.number() }), output: z.object({ ok: z.boolean() }) },
    lookup: { input: z.object({}), output: z.object({ ok: z.boolean() }), idempotent: true },
  },
});
const callee = { attempts: 0, failuresLeft: 0 };
const api = bindLocal(risk, {
  assess: async ({ ms }) => {
    callee.attempts += 1;
    await new Promise((resolve) => setTimeout(resolve, ms));
    return { ok: true };
  },
  lookup: async () => {
    callee.attempts += 1;
    if (callee.failuresLeft-- > 0) throw new DomainError('flaky', 503, 'failing on purpose');
    return { ok: true };
  },
});
const preset = (extra: Partial<ResiliencePreset> = {}) =>
  ResiliencePreset.parse({ name: 'test', description: 'test', deadline: 'propagate', fallbacks: true, ...extra });
const bind = (policies: ProcessPolicies) => bindLocalContract(risk, api, { callTimeoutMs: 1_000, policies });

beforeEach(() => {
  callee.attempts = 0;
  callee.failuresLeft = 0;
});

describe('an in-process binding', () => {
  it('is the module itself without a preset: nothing added on the in-process path', () => {
    expect(bind(new ProcessPolicies(undefined))).toBe(api);
  });

  it("under a preset, stops waiting after the attempt timeout with the remote binding's error", async () => {
    const error = await bind(new ProcessPolicies(preset({ attemptTimeoutMs: 20 })))
      .assess({ ms: 300 })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'dependency_timeout',
      status: 503,
      details: { dependency: 'risk', timeoutMs: 20 },
    });
    // A failure breakers count and fallbacks replace, as a slow remote callee's is.
    expect(isDependencyFailure(error)).toBe(true);
  });

  it("caps the attempt at what is left of the request's deadline when the preset propagates it", async () => {
    const bound = bind(new ProcessPolicies(preset({ attemptTimeoutMs: 5_000 })));
    const error = await runWithBudget(new CallBudget(30), () => bound.assess({ ms: 300 })).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'dependency_timeout' });
    expect((error as DomainError).details?.['timeoutMs']).toBeLessThanOrEqual(30);
  });

  it("retries an idempotent call under the callee's retry policy, and counts the retries", async () => {
    const policies = new ProcessPolicies(preset({ retry: { maxRetries: 3, backoff: { kind: 'none' } } }));
    callee.failuresLeft = 2;
    await expect(bind(policies).lookup({})).resolves.toEqual({ ok: true });
    expect(callee.attempts).toBe(3);
    expect(policies.counters.snapshot().byCallee['risk']?.retries).toBe(2);
  });

  it('opens the breaker after consecutive timeouts, then refuses without calling the module', async () => {
    const policies = new ProcessPolicies(
      preset({ attemptTimeoutMs: 5, breaker: { consecutiveFailures: 2, halfOpenAfterMs: 60_000 } }),
    );
    const bound = bind(policies);
    for (let i = 0; i < 2; i++) await bound.assess({ ms: 50 }).catch(() => undefined);
    const attempts = callee.attempts;
    await expect(bound.assess({ ms: 50 })).rejects.toMatchObject({ details: { reason: 'circuit_open' } });
    expect(callee.attempts).toBe(attempts);
    expect(policies.counters.snapshot().byCallee['risk']?.breakerOpens).toBe(1);
  });
});
