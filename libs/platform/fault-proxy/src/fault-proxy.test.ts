import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import {
  Client,
  noMoreHandlesThan,
  openHandles,
  sleep,
  startEchoServer,
  startServer,
  waitUntil,
  type TestServer,
} from '../test/sockets.js';
import { startFaultProxy, type FaultProxy, type FaultProxyOptions } from './fault-proxy.js';

// Timings on a slow, shared machine only ever say "at least": a delay injected is a floor, never a ceiling.

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function echoProxy(extra: Partial<FaultProxyOptions> = {}): Promise<{ proxy: FaultProxy; echo: TestServer }> {
  const echo = await startEchoServer();
  cleanups.push(() => echo.close());
  const proxy = await startFaultProxy({ upstream: { host: '127.0.0.1', port: echo.port }, ...extra });
  cleanups.push(() => proxy.close());
  return { proxy, echo };
}

async function client(port: number): Promise<Client> {
  const c = await new Client(port).connected();
  cleanups.push(async () => {
    c.socket.destroy();
  });
  return c;
}

/** Sends `message` and returns how long its echo took to come back in full. */
async function roundTrip(c: Client, message: string): Promise<number> {
  const started = performance.now();
  const expected = c.received + message.length;
  c.socket.write(message);
  await c.receivedAtLeast(expected);
  return performance.now() - started;
}

describe('startFaultProxy', () => {
  it('listens on loopback by default and relays a large payload unchanged both ways', async () => {
    const { proxy } = await echoProxy();
    expect(proxy.host).toBe('127.0.0.1');
    expect(proxy.url).toBe(`http://127.0.0.1:${proxy.port}`);
    const payload = randomBytes(8 * 1024 * 1024);
    const c = await client(proxy.port);
    c.socket.end(payload);
    await c.receivedAtLeast(payload.length, 20_000);
    await c.whenClosed();
    expect(c.data().equals(payload)).toBe(true);
    await waitUntil(() => proxy.stats().connectionsActive === 0, 'the connection is closed on both sides');
    expect(proxy.stats()).toMatchObject({
      connectionsOpened: 1,
      bytesUpstream: payload.length,
      bytesDownstream: payload.length,
      resetsInjected: 0,
      chunksDelayed: 0,
    });
  });

  it('holds no more than its queue bound when the receiver does not read, and loses nothing', async () => {
    const maxQueuedBytes = 64 * 1024;
    const { proxy } = await echoProxy({ maxQueuedBytes, toxics: [{ type: 'latency', ms: 1 }] });
    const payload = randomBytes(16 * 1024 * 1024);
    const c = await client(proxy.port);
    c.socket.pause(); // the echo backs up: server -> proxy -> client all stop
    c.socket.write(payload);
    let last = -1;
    await waitUntil(
      () => {
        const now = proxy.stats().bytesUpstream;
        const settled = now === last;
        last = now;
        return settled;
      },
      'the transfer stalls',
      20_000,
    );
    const stalled = proxy.stats();
    expect(stalled.bytesUpstream).toBeLessThan(payload.length);
    // One socket read (64 KiB) may land on a full queue before reading pauses.
    expect(stalled.peakQueuedBytes).toBeLessThanOrEqual(maxQueuedBytes + 64 * 1024);
    c.socket.resume();
    await c.receivedAtLeast(payload.length, 60_000);
    expect(c.data().equals(payload)).toBe(true);
  });

  it('adds at least the latency per round trip: once per direction it applies to', async () => {
    const { proxy } = await echoProxy({ toxics: [{ type: 'latency', ms: 40, direction: 'downstream' }] });
    const c = await client(proxy.port);
    for (let i = 0; i < 5; i++) expect(await roundTrip(c, `ping ${i}`)).toBeGreaterThanOrEqual(40);
    proxy.setToxics([{ type: 'latency', ms: 40 }]);
    for (let i = 0; i < 5; i++) expect(await roundTrip(c, `ping ${i}`)).toBeGreaterThanOrEqual(80);
    expect(proxy.stats().chunksDelayed).toBeGreaterThanOrEqual(15);
  });

  it('honours delays under a millisecond: never released before, every byte through, in order', async () => {
    const { proxy } = await echoProxy({ toxics: [{ type: 'latency', ms: 0.3 }] });
    const c = await client(proxy.port);
    for (let i = 0; i < 20; i++) expect(await roundTrip(c, `ping ${i}`)).toBeGreaterThanOrEqual(0.6);
    expect(proxy.stats().chunksDelayed).toBe(40);
    // Sub-millisecond jitter between chunks of one connection: a later chunk may draw a shorter delay, never overtake.
    proxy.setToxics([{ type: 'latency', ms: 0.3, jitterMs: 0.25 }]);
    const before = c.received;
    let sent = '';
    for (let i = 0; i < 200; i++) {
      const message = `${String(i).padStart(3, '0')};`;
      sent += message;
      c.socket.write(message);
      if (i % 10 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    await c.receivedAtLeast(before + sent.length);
    expect(c.data().subarray(before).toString()).toBe(sent);
    const stats = proxy.stats();
    expect(stats.bytesUpstream).toBe(stats.bytesDownstream);
    expect(stats.queuedBytes).toBe(0);
  });

  it('keeps the byte order of a connection under jitter', async () => {
    const { proxy } = await echoProxy({ toxics: [{ type: 'latency', ms: 15, jitterMs: 15 }] });
    const c = await client(proxy.port);
    let sent = '';
    for (let i = 0; i < 100; i++) {
      const message = `${String(i).padStart(3, '0')};`;
      sent += message;
      c.socket.write(message);
      await sleep(1); // separate chunks, each with its own random delay
    }
    await c.receivedAtLeast(sent.length);
    expect(c.data().toString()).toBe(sent);
    expect(proxy.stats().chunksDelayed).toBeGreaterThanOrEqual(20);
  });

  it('caps bandwidth: 200 KB at 100 KB/s takes at least 1.5 s', async () => {
    const payload = randomBytes(200_000);
    const server = await startServer((socket) => socket.end(payload));
    cleanups.push(() => server.close());
    const proxy = await startFaultProxy({
      upstream: { host: '127.0.0.1', port: server.port },
      toxics: [{ type: 'bandwidth', bytesPerSecond: 100_000, direction: 'downstream' }],
    });
    cleanups.push(() => proxy.close());
    const started = performance.now();
    const c = await client(proxy.port);
    await c.whenClosed();
    expect(performance.now() - started).toBeGreaterThanOrEqual(1_500);
    expect(c.data().equals(payload)).toBe(true);
  });

  it('resets a connection: the client sees ECONNRESET, and so does the upstream', async () => {
    const { proxy, echo } = await echoProxy({ toxics: [{ type: 'resetPeer', probability: 1 }] });
    const c = await client(proxy.port);
    await waitUntil(() => echo.sockets.size === 1, 'the upstream connection is open');
    const [upstreamSide] = echo.sockets;
    const upstreamError = new Promise<NodeJS.ErrnoException>((resolve) => upstreamSide?.once('error', resolve));
    c.socket.write('hello');
    await c.whenClosed();
    expect(c.error?.code).toBe('ECONNRESET');
    expect(c.received).toBe(0);
    expect((await upstreamError).code).toBe('ECONNRESET');
    expect(proxy.stats()).toMatchObject({ resetsInjected: 1, bytesUpstream: 0 });
  });

  it('resets a connection after a number of bytes', async () => {
    const { proxy } = await echoProxy({ toxics: [{ type: 'resetPeer', afterBytes: 1000, direction: 'upstream' }] });
    const c = await client(proxy.port);
    c.socket.write(randomBytes(5000));
    await c.whenClosed();
    expect(c.error?.code).toBe('ECONNRESET');
    expect(c.received).toBeLessThanOrEqual(1000);
    expect(proxy.stats()).toMatchObject({ resetsInjected: 1, bytesUpstream: 1000 });
  });

  it('black hole: reads, never answers, stalls open connections; lifting it lets new ones through', async () => {
    const { proxy } = await echoProxy();
    const before = await client(proxy.port);
    await roundTrip(before, 'ping');
    proxy.setToxics([{ type: 'blackHole' }]);
    const during = await client(proxy.port);
    before.socket.write('ping again');
    during.socket.write('ping');
    await sleep(500);
    for (const c of [before, during]) {
      expect(c.closed).toBe(false);
      expect(c.error).toBeUndefined();
    }
    expect(before.received).toBe(4);
    expect(during.received).toBe(0);
    expect(proxy.stats()).toMatchObject({ connectionsActive: 2, bytesDiscarded: 14 });

    proxy.setToxics([{ type: 'none' }]);
    const after = await client(proxy.port);
    await roundTrip(after, 'ping');
    expect(after.data().toString()).toBe('ping');
  });

  it('switches toxics at run time without dropping the connection', async () => {
    const { proxy } = await echoProxy();
    const c = await client(proxy.port);
    await roundTrip(c, 'a');
    proxy.setToxics([{ type: 'latency', ms: 100 }]);
    expect(await roundTrip(c, 'b')).toBeGreaterThanOrEqual(200);
    proxy.setToxics([{ type: 'bandwidth', bytesPerSecond: 1000 }]);
    expect(await roundTrip(c, 'c'.repeat(500))).toBeGreaterThanOrEqual(400);
    proxy.setToxics([]);
    await roundTrip(c, 'd');
    expect(c.data().toString()).toBe(`ab${'c'.repeat(500)}d`);
    expect(proxy.stats()).toMatchObject({ connectionsOpened: 1, connectionsActive: 1 });
  });

  it('close() destroys every connection and timer: no open handle is left', async () => {
    const baseline = openHandles();
    const echo = await startEchoServer();
    const proxy = await startFaultProxy({
      upstream: { host: '127.0.0.1', port: echo.port },
      toxics: [{ type: 'latency', ms: 60_000 }],
    });
    const clients = await Promise.all([1, 2, 3].map(() => new Client(proxy.port).connected()));
    for (const c of clients) c.socket.write('queued behind a long delay');
    await waitUntil(() => proxy.stats().queuedBytes > 0, 'bytes wait in the queue');
    await proxy.close();
    await proxy.close(); // idempotent
    await waitUntil(() => clients.every((c) => c.closed), 'every client sees its connection closed');
    expect(proxy.stats().connectionsActive).toBe(0);
    await echo.close();
    await waitUntil(
      () => noMoreHandlesThan(baseline),
      `open handles ${JSON.stringify(openHandles())} back to ${JSON.stringify(baseline)}`,
    );
  });

  it('resets the client when the upstream cannot be reached', async () => {
    const gone = await startServer(() => undefined);
    await gone.close();
    const proxy = await startFaultProxy({ upstream: { host: '127.0.0.1', port: gone.port } });
    cleanups.push(() => proxy.close());
    const c = await new Client(proxy.port).connected();
    await c.whenClosed();
    expect(c.error?.code).toBe('ECONNRESET');
    expect(proxy.stats()).toMatchObject({ upstreamErrors: 1, connectionsActive: 0 });
  });

  it('names the port when it is in use', async () => {
    const { proxy } = await echoProxy();
    await expect(startFaultProxy({ listenPort: proxy.port, upstream: { host: '127.0.0.1', port: 1 } })).rejects.toThrow(
      `fault proxy: cannot listen on 127.0.0.1:${proxy.port}: port ${proxy.port} is already in use`,
    );
  });

  it('refuses invalid toxics with the field named, keeping the toxics it had', async () => {
    const { proxy } = await echoProxy({ toxics: [{ type: 'latency', ms: 30 }] });
    expect(() => proxy.setToxics([{ type: 'latency', ms: -1 }])).toThrow(/toxics\[0\]\.ms: /);
    expect(() => proxy.setToxics([{ type: 'resetPeer', probability: 0.5, afterBytes: 10 }])).toThrow(
      /toxics\[0\]: resetPeer takes exactly one of probability and afterBytes/,
    );
    expect(() =>
      proxy.setToxics([
        { type: 'latency', ms: 1, direction: 'downstream' },
        { type: 'latency', ms: 2 },
      ]),
    ).toThrow(/toxics\[1\]: toxics 0 and 1 are both latency on the downstream direction/);
    expect(() => proxy.setToxics([{ type: 'slow' } as never])).toThrow(/toxics\[0\]\.type/);
    const c = await client(proxy.port);
    expect(await roundTrip(c, 'still slow')).toBeGreaterThanOrEqual(60);
  });
});
