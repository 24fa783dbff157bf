import type { Server } from 'node:http';
import { defineContract, isDomainError } from '@paybench/platform-contract';
import { createServerApp, INTERNAL_AUTH_HEADER, listen, requireInternalSecret } from '@paybench/platform-http';
import { createLogger } from '@paybench/platform-logging';
import { openDatabase } from '@paybench/platform-storage';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { composeModules, defineModule } from '../index.js';
import { ModuleFaultInjector } from './module-fault-injector.js';
import { mountModuleFaults } from './module-fault-routes.js';

const num = z.object({ n: z.number() });
const leafContract = defineContract({ name: 'leaf', operations: { double: { input: num, output: num } } });
const rootContract = defineContract({ name: 'root', operations: { quadruple: { input: num, output: num } } });
let leafCalls = 0;
const leaf = defineModule({
  name: 'leaf',
  contract: leafContract,
  dependencies: {},
  create: () => ({ double: async ({ n }) => (leafCalls++, { n: n * 2 }) }),
});
const root = defineModule({
  name: 'root',
  contract: rootContract,
  dependencies: { leaf: leafContract },
  create: ({ deps }) => ({ quadruple: async ({ n }) => deps.leaf.double(await deps.leaf.double({ n })) }),
});

/** A real composition of root and leaf in one process, with its injector. */
async function composed() {
  const faults = new ModuleFaultInjector();
  const logger = createLogger({ processName: 't', level: 'silent' }).logger;
  const apis = await composeModules({
    db: openDatabase(':memory:'),
    logger,
    settings: {},
    modules: [leaf, root],
    hosted: ['root', 'leaf'],
    faults,
  });
  type Num = { n: number };
  const call = (module: 'root' | 'leaf', n = 1) => {
    const api = apis.get(module) as unknown as Record<string, (i: Num) => Promise<Num>>;
    return module === 'root' ? (api['quadruple'] as (i: Num) => Promise<Num>)({ n }) : api['double']?.({ n });
  };
  return { faults, apis, call, logger };
}

const injectors: ModuleFaultInjector[] = [];
afterEach(() => injectors.splice(0).forEach((i) => i.clear()));

describe('module faults at composition', () => {
  it("delays the hosted module's calls, for an in-process caller too, and lifting restores them", async () => {
    const { faults, call } = await composed();
    injectors.push(faults);
    faults.set('leaf', [{ type: 'latency', ms: 60, jitterMs: 0 }]);
    let began = performance.now();
    // root calls leaf twice, in-process: each call waits.
    await expect(call('root', 3)).resolves.toEqual({ n: 12 });
    expect(performance.now() - began).toBeGreaterThanOrEqual(110);
    faults.set('leaf', []);
    began = performance.now();
    for (let i = 0; i < 20; i++) await call('root');
    // Twenty calls with the fault would take 2.4 s at least.
    expect(performance.now() - began).toBeLessThan(1_000);
    expect(faults.current('leaf')).toEqual([]);
  });

  it('fails about `rate` of the calls as the module being unavailable, root and direct callers alike', async () => {
    const { faults, call } = await composed();
    injectors.push(faults);
    faults.set('leaf', [{ type: 'errors', rate: 0.3 }]);
    let failed = 0;
    const codes = new Set<string>();
    const before = leafCalls;
    for (let i = 0; i < 1_000; i++) {
      await call('leaf').catch((error: unknown) => {
        failed++;
        if (isDomainError(error)) codes.add(`${error.status} ${error.code}`);
      });
    }
    expect(failed).toBeGreaterThan(200);
    expect(failed).toBeLessThan(400);
    expect([...codes]).toEqual(['503 dependency_unavailable']);
    // A failed call never reached the implementation.
    expect(leafCalls - before).toBe(1_000 - failed);
    // root's calls go through the same wrapper: about half of them meet a failure in one of two calls.
    let rootFailed = 0;
    for (let i = 0; i < 400; i++) await call('root').catch(() => rootFailed++);
    expect(rootFailed).toBeGreaterThan(120);
    expect(rootFailed).toBeLessThan(280);
    faults.set('leaf', []);
    // Lifted: not one failure in 200 calls (at 0.3 that would be about 100).
    for (let i = 0; i < 200; i++) await call('root');
  });

  it('blocks the event loop, and a CPU hog keeps the thread busy about its share', async () => {
    const faults = new ModuleFaultInjector();
    injectors.push(faults);
    faults.set('leaf', [{ type: 'block', ms: 200 }]);
    const began = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 1));
    expect(performance.now() - began).toBeGreaterThanOrEqual(190);
    faults.set('leaf', [{ type: 'cpuHog', share: 0.6 }]);
    // Event-loop utilisation: the share of wall time the loop was not waiting for I/O (a busy loop counts;
    // unlike CPU time, it does not shrink when other work on the machine preempts this process).
    const before = performance.eventLoopUtilization();
    await new Promise((resolve) => setTimeout(resolve, 500));
    const busy = performance.eventLoopUtilization(before).utilization;
    faults.set('leaf', []);
    // About 0.6; broad bounds (timers fire late on a busy machine).
    expect(busy).toBeGreaterThan(0.4);
    const idleBefore = performance.eventLoopUtilization();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(performance.eventLoopUtilization(idleBefore).utilization).toBeLessThan(0.2);
  });
});

describe('the module faults endpoint', () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    server = undefined;
  });

  it('sets, reads and lifts a hosted module faults; refuses bad bodies, unknown modules, no secret', async () => {
    const { faults, logger } = await composed();
    injectors.push(faults);
    const app = createServerApp({
      logger,
      routes: (a) => {
        a.use(requireInternalSecret('s'.repeat(32)));
        mountModuleFaults(a, { process: 'p', hosted: ['root', 'leaf'], injector: faults });
      },
    });
    server = await listen(app, '127.0.0.1', 0);
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const put = async (path: string, body: unknown, secret = 's'.repeat(32)) => {
      const reply = await request(`${base}${path}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', [INTERNAL_AUTH_HEADER]: secret },
        body: JSON.stringify(body),
      });
      return { status: reply.statusCode, body: (await reply.body.json()) as Record<string, unknown> };
    };
    expect(await put('/faults/modules/leaf', { faults: [{ type: 'latency', ms: 5 }] })).toEqual({
      status: 200,
      body: { process: 'p', module: 'leaf', faults: [{ type: 'latency', ms: 5, jitterMs: 0 }] },
    });
    expect(faults.current('leaf')).toEqual([{ type: 'latency', ms: 5, jitterMs: 0 }]);
    const bad = await put('/faults/modules/leaf', { faults: [{ type: 'errors', rate: 1.5 }] });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/faults\.0\.rate/);
    expect((await put('/faults/modules/leaf', { faults: [{ type: 'crash' }] })).status).toBe(400);
    const twice = await put('/faults/modules/leaf', {
      faults: [
        { type: 'errors', rate: 0.1 },
        { type: 'errors', rate: 0.2 },
      ],
    });
    expect(JSON.stringify(twice.body)).toMatch(/one per kind/);
    const unknown = await put('/faults/modules/risk', { faults: [] });
    expect(unknown).toMatchObject({ status: 404, body: { error: { code: 'module_not_hosted' } } });
    expect((await put('/faults/modules/leaf', { faults: [] }, 'x'.repeat(32))).status).toBe(403);
    // Refused bodies changed nothing; `[]` lifts.
    expect(faults.current('leaf')).toEqual([{ type: 'latency', ms: 5, jitterMs: 0 }]);
    expect((await put('/faults/modules/leaf', { faults: [] })).body['faults']).toEqual([]);
  });
});
