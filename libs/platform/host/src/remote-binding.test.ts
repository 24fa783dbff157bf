import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { bindLocal, CallBudget, defineContract, DomainError, runWithBudget } from '@paybench/platform-contract';
import { closeServer, createPool, createServerApp, listen, serveContractRpc } from '@paybench/platform-http';
import { createLogger } from '@paybench/platform-logging';
import { ProcessPolicies, ResiliencePreset, type PolicyCounts } from '@paybench/platform-resilience';
import type { Pool } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { bindRemoteContract } from './remote-binding.js';

// A real local HTTP server whose operations fail on demand, and counts (and times) every attempt it sees.
const ledger = defineContract({
  name: 'ledger',
  operations: {
    read: { input: z.object({ id: z.string() }), output: z.object({ ok: z.boolean() }), idempotent: true },
    write: { input: z.object({ id: z.string() }), output: z.object({ ok: z.boolean() }) },
    keyedWrite: { input: z.object({ idempotencyKey: z.string() }), output: z.object({ ok: z.boolean() }) },
    slow: { input: z.object({ ms: z.number() }), output: z.object({ ok: z.boolean() }) },
    reject: { input: z.object({}), output: z.object({ ok: z.boolean() }), idempotent: true },
  },
});

const server = { failuresLeft: 0, attempts: [] as { op: string; at: number }[] };
const attemptsOf = (op: string) => server.attempts.filter((a) => a.op === op).length;
const serve = (op: string) => async () => {
  server.attempts.push({ op, at: performance.now() });
  if (server.failuresLeft > 0) {
    server.failuresLeft -= 1;
    throw new DomainError('flaky', 503, 'failing on purpose');
  }
  return { ok: true };
};
const implementation = bindLocal(ledger, {
  read: serve('read'),
  write: serve('write'),
  keyedWrite: serve('keyedWrite'),
  slow: async ({ ms }) => {
    server.attempts.push({ op: 'slow', at: performance.now() });
    await new Promise((resolve) => setTimeout(resolve, ms));
    return { ok: true };
  },
  // A business answer (4xx): never a reason to retry, never a breaker failure.
  reject: async () => {
    server.attempts.push({ op: 'reject', at: performance.now() });
    throw new DomainError('not_allowed', 422, 'no');
  },
});

let httpServer: Server;
let pool: Pool;

beforeAll(async () => {
  const logger = createLogger({ processName: 'test', level: 'silent' }).logger;
  const app = createServerApp({ logger, routes: (a) => serveContractRpc(a, ledger, implementation) });
  httpServer = await listen(app, '127.0.0.1', 0);
  pool = createPool(`http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`);
});
afterAll(async () => {
  await pool.close();
  await closeServer(httpServer);
});
beforeEach(() => {
  server.failuresLeft = 0;
  server.attempts = [];
});

/** A preset with only the switches a test names. */
const preset = (parts: Partial<ResiliencePreset>): ResiliencePreset =>
  ResiliencePreset.parse({
    name: 'test',
    description: 'a test preset',
    deadline: 'propagate',
    fallbacks: false,
    ...parts,
  });
const bind = (policies: ProcessPolicies) =>
  bindRemoteContract(ledger, pool, { callTimeoutMs: 2_000, headers: {}, policies });
const counts = (policies: ProcessPolicies): PolicyCounts => policies.counters.snapshot().total;
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );
const immediateRetries = (maxRetries: number) => ({ maxRetries, backoff: { kind: 'none' as const } });

describe('without a preset', () => {
  it('makes one attempt, as the plain remote binding always did', async () => {
    const policies = new ProcessPolicies(undefined);
    server.failuresLeft = 1;
    expect(await failure(bind(policies).read({ id: 'a' }))).toMatchObject({ code: 'flaky', status: 503 });
    expect(attemptsOf('read')).toBe(1);
    expect(counts(policies).retries).toBe(0);
  });
});

describe('retries', () => {
  it('retries an operation declared idempotent, and a call carrying an idempotency key', async () => {
    const policies = new ProcessPolicies(preset({ retry: immediateRetries(3) }));
    const api = bind(policies);
    server.failuresLeft = 2;
    await expect(api.read({ id: 'a' })).resolves.toEqual({ ok: true });
    expect(attemptsOf('read')).toBe(3);
    server.failuresLeft = 1;
    await expect(api.keyedWrite({ idempotencyKey: 'key-123456' })).resolves.toEqual({ ok: true });
    expect(attemptsOf('keyedWrite')).toBe(2);
    expect(counts(policies).retries).toBe(3);
  });

  it('never retries an operation that is neither idempotent nor keyed', async () => {
    const policies = new ProcessPolicies(preset({ retry: immediateRetries(3) }));
    server.failuresLeft = 1;
    expect(await failure(bind(policies).write({ id: 'a' }))).toMatchObject({ code: 'flaky', status: 503 });
    expect(attemptsOf('write')).toBe(1);
    expect(counts(policies).retries).toBe(0);
  });

  it('never retries a business answer (4xx)', async () => {
    const policies = new ProcessPolicies(preset({ retry: immediateRetries(3) }));
    expect(await failure(bind(policies).reject({}))).toMatchObject({ code: 'not_allowed', status: 422 });
    expect(attemptsOf('reject')).toBe(1);
  });

  it('waits exponentially longer before each retry', async () => {
    const backoff = { kind: 'exponential' as const, initialMs: 40, maxMs: 5_000, jitter: 'none' as const };
    const policies = new ProcessPolicies(preset({ retry: { maxRetries: 3, backoff } }));
    server.failuresLeft = 3;
    await expect(bind(policies).read({ id: 'a' })).resolves.toEqual({ ok: true });
    const at = server.attempts.map((a) => a.at);
    const gaps = at.slice(1).map((t, i) => t - (at[i] as number));
    expect(gaps).toHaveLength(3);
    // A timer never fires early, so each gap is at least its delay: 40, 80, 160 ms.
    expect(gaps[0]).toBeGreaterThanOrEqual(39);
    expect(gaps[1]).toBeGreaterThanOrEqual(79);
    expect(gaps[2]).toBeGreaterThanOrEqual(159);
    expect(gaps[2] as number).toBeGreaterThan(gaps[0] as number);
  });

  it('makes no retry that would start past the deadline; a client that ignores it retries on', async () => {
    const backoff = { kind: 'exponential' as const, initialMs: 100, maxMs: 5_000, jitter: 'none' as const };
    const retry = { maxRetries: 5, backoff };
    const underDeadline = new ProcessPolicies(preset({ retry }));
    server.failuresLeft = 100;
    // 250 ms of budget: the first retry (after 100 ms) fits, the second (200 ms more) would end past it.
    const error = await failure(runWithBudget(new CallBudget(250), () => bind(underDeadline).read({ id: 'a' })));
    expect(error).toMatchObject({ code: 'flaky', status: 503 });
    expect(attemptsOf('read')).toBe(2);
    expect(counts(underDeadline).retries).toBe(1);

    server.attempts = [];
    const fast = { kind: 'exponential' as const, initialMs: 5, maxMs: 5, jitter: 'none' as const };
    const ignoring = new ProcessPolicies(preset({ deadline: 'ignore', retry: { maxRetries: 5, backoff: fast } }));
    const spent = new CallBudget(1);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await failure(runWithBudget(spent, () => bind(ignoring).read({ id: 'a' })));
    expect(attemptsOf('read')).toBe(6);
  });

  it('stays within its retry budget once the burst is spent', async () => {
    const policies = new ProcessPolicies(
      preset({ retry: { ...immediateRetries(3), budget: { ratio: 0.01, burst: 2 } } }),
    );
    const api = bind(policies);
    server.failuresLeft = 100;
    await failure(api.read({ id: 'a' }));
    expect(attemptsOf('read')).toBe(3); // two retries: the whole burst
    await failure(api.read({ id: 'b' }));
    expect(attemptsOf('read')).toBe(4); // no token left: one attempt
    expect(counts(policies).retries).toBe(2);
  });
});

describe('the circuit breaker', () => {
  it('opens after consecutive failures, refuses without calling, and closes after a good trial call', async () => {
    const policies = new ProcessPolicies(preset({ breaker: { consecutiveFailures: 3, halfOpenAfterMs: 150 } }));
    const api = bind(policies);
    server.failuresLeft = 100;
    for (let i = 0; i < 3; i++) await failure(api.write({ id: `${i}` }));
    expect(attemptsOf('write')).toBe(3);
    expect(counts(policies).breakerOpens).toBe(1);

    const refused = await failure(api.write({ id: 'x' }));
    expect(refused).toMatchObject({
      code: 'dependency_unavailable',
      status: 503,
      details: { dependency: 'ledger', reason: 'circuit_open' },
    });
    expect(attemptsOf('write')).toBe(3); // not sent
    expect(counts(policies).breakerRejections).toBe(1);

    server.failuresLeft = 0;
    await new Promise((resolve) => setTimeout(resolve, 200));
    await expect(api.write({ id: 'trial' })).resolves.toEqual({ ok: true }); // half-open: the trial goes through
    await expect(api.write({ id: 'after' })).resolves.toEqual({ ok: true }); // closed again
    expect(attemptsOf('write')).toBe(5);
    expect(counts(policies).breakerOpens).toBe(1);
  });

  it('counts no business answer as a failure', async () => {
    const policies = new ProcessPolicies(preset({ breaker: { consecutiveFailures: 2, halfOpenAfterMs: 10_000 } }));
    const api = bind(policies);
    for (let i = 0; i < 4; i++) await failure(api.reject({}));
    expect(attemptsOf('reject')).toBe(4);
    expect(counts(policies).breakerOpens).toBe(0);
  });

  it('is one per callee: every binding of the callee in the process shares it', async () => {
    const policies = new ProcessPolicies(preset({ breaker: { consecutiveFailures: 2, halfOpenAfterMs: 10_000 } }));
    server.failuresLeft = 100;
    await failure(bind(policies).write({ id: 'a' }));
    await failure(bind(policies).write({ id: 'b' }));
    expect(await failure(bind(policies).read({ id: 'c' }))).toMatchObject({ details: { reason: 'circuit_open' } });
    expect(server.attempts).toHaveLength(2);
  });
});

describe('the bulkhead', () => {
  it('refuses at once the calls beyond its limit and its queue', async () => {
    const policies = new ProcessPolicies(preset({ bulkhead: { maxConcurrent: 2, maxQueued: 1 } }));
    const api = bind(policies);
    const outcomes = await Promise.allSettled(Array.from({ length: 6 }, () => api.slow({ ms: 150 })));
    const refused = outcomes.filter((o) => o.status === 'rejected');
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(3);
    expect(refused).toHaveLength(3);
    for (const r of refused) {
      expect((r as PromiseRejectedResult).reason).toMatchObject({
        code: 'dependency_unavailable',
        details: { reason: 'bulkhead_full' },
      });
    }
    expect(attemptsOf('slow')).toBe(3);
    expect(counts(policies).bulkheadRejections).toBe(3);
  });
});
