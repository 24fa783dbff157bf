import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { bindLocal, defineContract, DomainError } from '@paybench/platform-contract';
import { createLogger } from '@paybench/platform-logging';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  closeServer,
  createPool,
  createServerApp,
  currentTrace,
  listen,
  remoteContract,
  rpcServedCount,
  serveContractRpc,
  servePublicRoutes,
} from './index.js';

const seen: { traceId?: string | undefined } = {};
const greeter = defineContract({
  name: 'greeter',
  operations: {
    greet: { input: z.object({ name: z.string().min(1) }), output: z.object({ text: z.string() }) },
    slow: { input: z.object({ ms: z.number() }), output: z.object({}) },
  },
  publicRoutes: [
    { method: 'post', path: '/v1/greet', operation: 'greet', successStatus: 201, toInput: ({ body }) => body },
  ],
});
const api = bindLocal(greeter, {
  greet: async ({ name }) => {
    seen.traceId = currentTrace()?.traceId;
    if (name === 'nobody') throw new DomainError('unknown_person', 404, 'no such person', { name });
    return { text: `hello ${name}` };
  },
  slow: async ({ ms }) => {
    await new Promise((r) => setTimeout(r, ms));
    return {};
  },
});

const logger = createLogger({ processName: 'test', level: 'silent' }).logger;
let server: Server;
let origin: string;

beforeAll(async () => {
  const app = createServerApp({
    logger,
    bodyLimit: '1kb',
    routes: (a) => {
      serveContractRpc(a, greeter, api);
      servePublicRoutes(a, greeter, api);
    },
  });
  server = await listen(app, '127.0.0.1', 0);
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => closeServer(server));

describe('remoteContract over a real socket', () => {
  it('returns the same result as the in-process call', async () => {
    const pool = createPool(origin);
    const remote = remoteContract(greeter, pool);
    await expect(remote.greet({ name: 'ada' })).resolves.toEqual(await api.greet({ name: 'ada' }));
    await pool.close();
  });

  it('counts every call served on the RPC routes, and no in-process call', async () => {
    const pool = createPool(origin);
    const remote = remoteContract(greeter, pool);
    const before = rpcServedCount();
    await remote.greet({ name: 'ada' });
    await remote.greet({ name: 'bob' });
    await api.greet({ name: 'eve' });
    expect(rpcServedCount() - before).toBe(2);
    await pool.close();
  });

  it('rebuilds a domain error with the same code, status and details', async () => {
    const pool = createPool(origin);
    const error = await remoteContract(greeter, pool)
      .greet({ name: 'nobody' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'unknown_person', status: 404, details: { name: 'nobody' } });
    await pool.close();
  });

  it('reports a validation failure from the callee as 400 naming the field', async () => {
    const pool = createPool(origin);
    const error = await remoteContract(greeter, pool)
      .greet({ name: '' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'validation_failed', status: 400 });
    expect((error as Error).message).toMatch(/^name:/);
    await pool.close();
  });

  it('turns a deadline into a 503 dependency_timeout', async () => {
    const pool = createPool(origin);
    const error = await remoteContract(greeter, pool, { timeoutMs: 50 })
      .slow({ ms: 500 })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'dependency_timeout', status: 503 });
    await pool.close();
  });

  it('turns a refused connection into a 503 dependency_unavailable', async () => {
    const pool = createPool('http://127.0.0.1:1');
    const error = await remoteContract(greeter, pool)
      .greet({ name: 'x' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'dependency_unavailable', status: 503, details: { dependency: 'greeter' } });
    await pool.close();
  });

  it('propagates the trace id across the hop', async () => {
    const traceId = 'ab'.repeat(16);
    const res = await fetch(`${origin}/rpc/greeter/greet`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', traceparent: `00-${traceId}-${'cd'.repeat(8)}-01` },
      body: JSON.stringify({ name: 'x' }),
    });
    expect(res.headers.get('x-trace-id')).toBe(traceId);
    expect(seen.traceId).toBe(traceId);
  });
});

describe('public routes and bad input', () => {
  const post = (body: string, contentType = 'application/json') =>
    fetch(`${origin}/v1/greet`, { method: 'POST', headers: { 'content-type': contentType }, body });

  it('answers the public route with its success status', async () => {
    const res = await post(JSON.stringify({ name: 'ada' }));
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ text: 'hello ada' });
  });

  it.each([
    ['malformed JSON', () => post('{"name":'), 400, 'malformed_json'],
    ['wrong content type', () => post('name=ada', 'application/x-www-form-urlencoded'), 415, 'unsupported_media_type'],
    ['oversized body', () => post(JSON.stringify({ name: 'x'.repeat(5000) })), 413, 'payload_too_large'],
    ['schema violation', () => post(JSON.stringify({ name: 7 })), 400, 'validation_failed'],
    ['unknown route', () => fetch(`${origin}/v1/nothing`), 404, 'route_not_found'],
  ] as const)('%s', async (_label, send, status, code) => {
    const res = await send();
    expect(res.status).toBe(status);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe(code);
    expect(body.error.message.length).toBeGreaterThan(0);
  });
});
