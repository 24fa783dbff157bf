import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  bindLocal,
  CallBudget,
  currentBudget,
  defineContract,
  runWithBudget,
  type ContractApi,
} from '@paybench/platform-contract';
import { createLogger } from '@paybench/platform-logging';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  closeServer,
  createPool,
  createServerApp,
  DEADLINE_HEADER,
  listen,
  remoteContract,
  serveContractRpc,
  servePublicRoutes,
} from './index.js';

// Two hops over real sockets: a front process serving a public route whose handler calls a back
// process's contract, as checkout calls orders. One deadline covers both.

const back = defineContract({
  name: 'back',
  operations: {
    /** Counts its runs and reports the budget it was given. */
    work: { input: z.object({ ms: z.number() }), output: z.object({ remainingMs: z.number().nullable() }) },
    /** Waits until its caller leaves (or 5 s), and says which. */
    waitForLeave: { input: z.object({}), output: z.object({ left: z.boolean() }) },
  },
});
const front = defineContract({
  name: 'front',
  operations: {
    relay: { input: z.object({ ms: z.number() }), output: z.object({ remainingMs: z.number().nullable() }) },
    /** Calls back's waitForLeave: what the back hop sees when the front's own caller leaves. */
    relayWait: { input: z.object({}), output: z.object({ left: z.boolean() }) },
  },
  publicRoutes: [
    { method: 'post', path: '/v1/relay', operation: 'relay', successStatus: 200, toInput: ({ body }) => body },
    { method: 'post', path: '/v1/relay-wait', operation: 'relayWait', successStatus: 200, toInput: ({ body }) => body },
  ],
});

const logger = createLogger({ processName: 'test', level: 'silent' }).logger;
const OWN_TIMEOUT_MS = 10_000;
let backServer: Server;
let frontServer: Server;
let backOrigin: string;
let frontOrigin: string;
let runs: number;
let seenHeaders: (string | undefined)[];
let leaves: Promise<boolean>;
let markLeave: (left: boolean) => void;
let waiting: Promise<void>;
let markWaiting: () => void;

const backApi = bindLocal(back, {
  work: async ({ ms }) => {
    runs++;
    await new Promise((resolve) => setTimeout(resolve, ms));
    return { remainingMs: currentBudget()?.remainingMs() ?? null };
  },
  waitForLeave: async () => {
    const signal = currentBudget()?.signal;
    markWaiting();
    const left = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 5_000);
      signal?.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve((signal.reason as { code?: string }).code === 'caller_gone');
      });
    });
    markLeave(left);
    return { left };
  },
});

beforeAll(async () => {
  const backApp = createServerApp({
    logger,
    deadlineMs: OWN_TIMEOUT_MS,
    routes: (app) => {
      app.use((req, _res, next) => {
        seenHeaders.push(req.header(DEADLINE_HEADER));
        next();
      });
      serveContractRpc(app, back, backApi as unknown as ContractApi<typeof back>);
    },
  });
  backServer = await listen(backApp, '127.0.0.1', 0);
  backOrigin = `http://127.0.0.1:${(backServer.address() as AddressInfo).port}`;
  const remoteBack = remoteContract(back, createPool(backOrigin), { timeoutMs: OWN_TIMEOUT_MS });
  const frontApi = bindLocal(front, {
    relay: (input) => remoteBack.work(input),
    relayWait: () => remoteBack.waitForLeave({}),
  });
  const frontApp = createServerApp({
    logger,
    deadlineMs: OWN_TIMEOUT_MS,
    routes: (app) => servePublicRoutes(app, front, frontApi as unknown as ContractApi<typeof front>),
  });
  frontServer = await listen(frontApp, '127.0.0.1', 0);
  frontOrigin = `http://127.0.0.1:${(frontServer.address() as AddressInfo).port}`;
});
afterAll(async () => {
  frontServer.closeAllConnections();
  backServer.closeAllConnections();
  await closeServer(frontServer);
  await closeServer(backServer);
});
beforeEach(() => {
  runs = 0;
  seenHeaders = [];
  leaves = new Promise((resolve) => (markLeave = resolve));
  waiting = new Promise((resolve) => (markWaiting = resolve));
});

const relay = (ms: number, headers: Record<string, string> = {}) =>
  fetch(`${frontOrigin}/v1/relay`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ ms }),
  });

describe('one end-to-end deadline', () => {
  it("sends the next hop what is left of the entry's budget, never more than its own timeout", async () => {
    const res = await relay(0);
    expect(res.status).toBe(200);
    const sent = Number(seenHeaders[0]);
    expect(sent).toBeGreaterThan(0);
    expect(sent).toBeLessThanOrEqual(OWN_TIMEOUT_MS);
    const { remainingMs } = (await res.json()) as { remainingMs: number };
    expect(remainingMs).toBeLessThanOrEqual(sent);
  });

  it("honours a caller's shorter deadline, and never lengthens its own for a longer one", async () => {
    await relay(0, { [DEADLINE_HEADER]: '3000' });
    await relay(0, { [DEADLINE_HEADER]: '999999999' });
    const [short, long] = seenHeaders.map(Number);
    expect(short).toBeLessThanOrEqual(3_000);
    expect(long).toBeLessThanOrEqual(OWN_TIMEOUT_MS);
  });

  it('waits for the next hop no longer than the budget left, then answers 503 dependency_timeout', async () => {
    // The back hop takes 1 s; the entry's caller gives 200 ms; each hop's own timeout is 10 s.
    const res = await relay(1_000, { [DEADLINE_HEADER]: '200' });
    expect(res.status).toBe(503);
    const body = (await res.json()) as { error: { code: string; details: { timeoutMs: number } } };
    expect(body.error.code).toBe('dependency_timeout');
    expect(body.error.details.timeoutMs).toBeLessThanOrEqual(200);
  });

  it("still ends a call at its own timeout when that comes before the request's deadline", async () => {
    const remoteBack = remoteContract(back, createPool(backOrigin), { timeoutMs: 100 });
    const started = performance.now();
    const error = await runWithBudget(new CallBudget(5_000), () => remoteBack.work({ ms: 1_000 })).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'dependency_timeout', status: 503, details: { timeoutMs: 100 } });
    expect(performance.now() - started).toBeLessThan(900);
  });

  it('does not send a call once the budget is spent', async () => {
    const remoteBack = remoteContract(back, createPool(backOrigin), { timeoutMs: OWN_TIMEOUT_MS });
    const error = await runWithBudget(new CallBudget(0), () => remoteBack.work({ ms: 0 })).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'dependency_timeout', status: 503, details: { dependency: 'back.work' } });
    const res = await relay(0, { [DEADLINE_HEADER]: '0' });
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('dependency_timeout');
    expect(seenHeaders).toEqual([]);
    expect(runs).toBe(0);
  });

  it('a hop that receives a spent budget does not do the work', async () => {
    const res = await fetch(`${backOrigin}/rpc/back/work`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [DEADLINE_HEADER]: '0' },
      body: JSON.stringify({ ms: 0 }),
    });
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('dependency_timeout');
    expect(runs).toBe(0);
  });

  it("aborts a handler's signal when its caller leaves before the answer", async () => {
    const controller = new AbortController();
    const call = fetch(`${backOrigin}/rpc/back/waitForLeave`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
      signal: controller.signal,
    }).catch((e: unknown) => e);
    await waiting;
    controller.abort();
    await call;
    await expect(leaves).resolves.toBe(true);
  });

  it("aborts the next hop when the entry's caller leaves: the call in flight is abandoned, and its callee stops", async () => {
    const controller = new AbortController();
    const call = fetch(`${frontOrigin}/v1/relay-wait`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
      signal: controller.signal,
    }).catch((e: unknown) => e);
    await waiting;
    controller.abort();
    await call;
    await expect(leaves).resolves.toBe(true);
  });
});
