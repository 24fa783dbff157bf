// One deadline per purchase across processes, and what a 503 after a committed order means.
// The microservices topology, with the calls to the orders process passing through a proxy the
// test controls: it records each call's deadline header, can hold back a reply (a reply lost or
// late: orders committed, the caller gave up) and can rewrite the header (a spent budget).
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { DEV_AUTH_SECRET } from '@paybench/payments-dataset';
import { startTopology, type RunningTopology } from '@paybench/platform-runtime';
import { resolveTopology } from '@paybench/platform-topology';
import { request, type Dispatcher } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { goodConsumer, post, purchase } from './support/purchases.js';
import { CONSUMERS, paymentTopology, SEED } from './support/start-system.js';
import { freshBasePort } from './support/ports.js';

const DEADLINE_HEADER = 'x-paybench-deadline-ms';
/** Every process's callTimeoutMs: the budget a purchase gets at the entry. */
const CALL_TIMEOUT_MS = 5_000;
const CREATE_ORDER = '/rpc/orders/createOrder';
/** Not forwarded: they describe one connection, not the call. */
const HOP_BY_HOP = new Set(['host', 'connection', 'keep-alive', 'content-length', 'transfer-encoding']);

interface OrdersProxy {
  readonly url: string;
  /** Every call that went through: path and the deadline header it carried (as forwarded). */
  readonly calls: { path: string; deadline: string | undefined }[];
  /** When set, createOrder's reply is held until `release()`; resolves with the reply orders gave. */
  hold(): Promise<{ status: number; body: string }>;
  release(): void;
  /** When set, createOrder is forwarded with this deadline header instead of the caller's. */
  rewriteDeadline: string | undefined;
  close(): Promise<void>;
}

interface Holding {
  reply: (r: { status: number; body: string }) => void;
  released: Promise<void>;
  release: () => void;
}

async function startOrdersProxy(target: string): Promise<OrdersProxy> {
  let holding: Holding | undefined;
  const proxy: OrdersProxy = {
    url: '',
    calls: [],
    rewriteDeadline: undefined,
    hold() {
      let release = () => undefined as void;
      const released = new Promise<void>((resolve) => (release = resolve));
      return new Promise((reply) => (holding = { reply, released, release }));
    },
    release: () => holding?.release(),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void (async () => {
        const headers = forwardable(req.headers);
        if (req.url === CREATE_ORDER && proxy.rewriteDeadline !== undefined) {
          headers[DEADLINE_HEADER] = proxy.rewriteDeadline;
        }
        proxy.calls.push({ path: req.url ?? '', deadline: headers[DEADLINE_HEADER] });
        const reply = await request(`${target}${req.url ?? '/'}`, {
          method: (req.method ?? 'GET') as Dispatcher.HttpMethod,
          headers,
          ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {}),
        });
        const body = await reply.body.text();
        const held = req.url === CREATE_ORDER ? holding : undefined;
        if (held) {
          holding = undefined;
          held.reply({ status: reply.statusCode, body });
          await held.released;
        }
        if (!res.destroyed) res.writeHead(reply.statusCode, { 'content-type': 'application/json' }).end(body);
      })().catch(() => res.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return Object.assign(proxy, { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
}

function forwardable(incoming: IncomingHttpHeaders): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(incoming)) {
    if (!HOP_BY_HOP.has(name) && typeof value === 'string') headers[name] = value;
  }
  return headers;
}

let dataDir: string;
let running: RunningTopology;
let entryUrl: string;
let proxy: OrdersProxy;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'paybench-e2e-deadline-'));
  const basePort = freshBasePort();
  const topology = resolveTopology(paymentTopology('microservices'), { basePort, dataDir });
  proxy = await startOrdersProxy(topology.moduleUrls['orders'] as string);
  // Every process that calls orders (checkout, risk) calls the proxy instead.
  const proxied = { ...topology, moduleUrls: { ...topology.moduleUrls, orders: proxy.url } };
  running = await startTopology(proxied, {
    settings: { seed: SEED, consumers: CONSUMERS, authSecret: DEV_AUTH_SECRET },
    callTimeoutMs: CALL_TIMEOUT_MS,
    logDir: join(dataDir, 'logs'),
  });
  entryUrl = topology.entry.url;
});

afterAll(async () => {
  proxy?.release();
  await running?.stop();
  await proxy?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

beforeEach(() => {
  proxy.calls.length = 0;
  proxy.rewriteDeadline = undefined;
});

/** Orders stored under an idempotency key, read from the orders process's own database. */
function ordersWithKey(key: string): string[] {
  const db = new DatabaseSync(join(dataDir, 'orders.db'), { readOnly: true });
  try {
    const rows = db.prepare('SELECT id FROM orders_orders WHERE idempotency_key = ?').all(key) as { id: string }[];
    return rows.map((r) => r.id);
  } finally {
    db.close();
  }
}

describe('one end-to-end deadline across processes', () => {
  it('is sent to every hop as the milliseconds left, never more than the entry gave', async () => {
    const reply = await post(entryUrl, purchase('SE', 'pay_later', {}, goodConsumer('SE', 5)));
    expect(reply.status).toBe(201);
    // checkout -> orders (replay check, createOrder) and checkout -> risk -> orders (velocity): all carry it.
    expect(proxy.calls.map((c) => c.path)).toEqual(
      expect.arrayContaining(['/rpc/orders/findByIdempotencyKey', '/rpc/orders/recentActivity', CREATE_ORDER]),
    );
    for (const { path, deadline } of proxy.calls) {
      const ms = Number(deadline);
      expect({ path, deadline, within: ms > 0 && ms <= CALL_TIMEOUT_MS }).toEqual({ path, deadline, within: true });
    }
  });

  it('a hop whose budget is spent does not do the work: no order, 503 dependency_timeout', async () => {
    const body = purchase('SE', 'pay_now', {}, goodConsumer('SE', 6));
    proxy.rewriteDeadline = '0';
    const refused = await post(entryUrl, body);
    expect(refused.status).toBe(503);
    expect(refused.body).toMatchObject({ error: { code: 'dependency_timeout' } });
    expect(ordersWithKey(body.idempotencyKey)).toEqual([]);

    proxy.rewriteDeadline = undefined;
    const retried = await post(entryUrl, body);
    expect(retried.status).toBe(201);
    expect(ordersWithKey(body.idempotencyKey)).toEqual([retried.body['id']]);
  });

  it('a 503 after orders committed: the retry with the same key returns that order, and there is one', async () => {
    const body = purchase('DE', 'pay_later', {}, goodConsumer('DE', 5));
    const held = proxy.hold();
    // Orders commits and answers; the reply is held past the purchase's deadline, so the entry answers 503.
    const lost = await post(entryUrl, body);
    expect(lost.status).toBe(503);
    expect(lost.body).toMatchObject({ error: { code: 'dependency_timeout' } });
    const committed = await held;
    expect(committed.status).toBe(200);
    const orderId = (JSON.parse(committed.body) as { id: string }).id;
    expect(ordersWithKey(body.idempotencyKey)).toEqual([orderId]);
    proxy.release();

    const retried = await post(entryUrl, body);
    expect(retried.status).toBe(201);
    expect(retried.body['id']).toBe(orderId);
    expect(ordersWithKey(body.idempotencyKey)).toEqual([orderId]);
  });
});
