import { createServer, type AddressInfo, type Socket } from 'node:net';
import { PassThrough } from 'node:stream';
import type { ForwarderConfig, ForwarderStats, SourceStats } from '@paybench/platform-log-forwarder';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../test/support/wait.js';
import { accountFor, accountForKilledLife, type KilledLife, type ProcessLogAccount } from './log-accounting.js';
import { LogDriver, type LogDriverStats } from './log-driver/index.js';

function driverStats(counts: Partial<LogDriverStats>): LogDriverStats {
  return {
    source: 'app',
    mode: 'blocking',
    maxBufferBytes: 1024,
    linesRead: 0,
    bytesRead: 0,
    linesForwarded: 0,
    bytesForwarded: 0,
    linesDropped: 0,
    bytesDropped: 0,
    linesForwardedToClosedConnections: 0,
    closedConnections: 0,
    bufferedLines: 0,
    bufferedBytes: 0,
    partialBytes: 0,
    connected: true,
    reconnects: 0,
    lastConnectionError: undefined,
    readingPaused: false,
    inputEnded: false,
    ...counts,
  };
}

function forwarderStats(source: Partial<SourceStats>): ForwarderStats {
  const app = { received: 0, processed: 0, dropped: 0, lastSeq: 0, seqGaps: 0, ...source };
  return {
    config: {} as ForwarderConfig,
    buffered: 0,
    series: 0,
    totals: { received: app.received, processed: app.processed, dropped: app.dropped, malformed: 0, processedBytes: 0 },
    sources: { app },
    pausedSockets: false,
    connections: 1,
    uptimeMs: 1,
  };
}

/** emitted = delivered + every drop + lost + in flight: true of every account whose parts are known. */
function expectExactEquation(account: ProcessLogAccount): void {
  const parts = [
    account.delivered,
    account.droppedByLogger,
    account.droppedByDriver,
    account.droppedByForwarder,
    account.lostOnConnection,
    account.inFlight.total,
  ];
  expect(parts.every((part) => part !== null)).toBe(true);
  expect((parts as number[]).reduce((total, part) => total + part, 0)).toBe(account.emitted);
}

describe('accountForKilledLife', () => {
  it("accounts a killed life's lines under its own source, without the logger counts the kill took", () => {
    const life = (source: string, stats: LogDriverStats): KilledLife =>
      ({ process: 'app', life: 1, source, supervised: { driver: { stats: () => stats } } }) as unknown as KilledLife;
    const driver = driverStats({ linesRead: 80, linesForwarded: 80 });
    // The forwarder's `app` source is this life's: 80 lines received and processed.
    const account = accountForKilledLife(life('app', driver), forwarderStats({ received: 80, processed: 80 }));
    expect(account).toMatchObject({
      process: 'app (life 1, killed)',
      emitted: null,
      delivered: 80,
      inFlight: { inProcess: 0, total: 0 },
      holds: true,
      problems: [],
    });
    // Looked up under another source (a later life's), nothing it forwarded is found: all 80 count as still on the
    // connection, so the accounting would never settle (why each life needs its own source).
    const elsewhere = accountForKilledLife(life('app#2', driver), forwarderStats({ received: 80, processed: 80 }));
    expect(elsewhere.inFlight.total).toBe(80);
  });
});

describe('accountFor', () => {
  it('holds when every line was delivered over a connection that never broke', () => {
    const account = accountFor(
      'app',
      { emitted: 100, dropped: 0 },
      driverStats({ linesRead: 100, linesForwarded: 100 }),
      forwarderStats({ received: 100, processed: 100, lastSeq: 100 }),
    );
    expect(account).toMatchObject({ delivered: 100, lostOnConnection: 0, holds: true, problems: [] });
    expectExactEquation(account);
  });

  it('counts lines handed to a connection that broke, and never received, as lost, not in flight', () => {
    // 100 lines went to a connection that then closed; the forwarder read 60 of them.
    const driver = driverStats({
      linesRead: 100,
      linesForwarded: 100,
      linesForwardedToClosedConnections: 100,
      closedConnections: 1,
      connected: false,
    });
    const account = accountFor(
      'app',
      { emitted: 100, dropped: 0 },
      driver,
      forwarderStats({ received: 60, processed: 60, lastSeq: 60 }),
    );
    expect(account.lostOnConnection).toBe(40);
    expect(account.inFlight).toMatchObject({ onConnection: 0, total: 0 });
    expect(account.holds).toBe(false);
    expect(account.problems.join('; ')).toMatch(/40 lines were lost/);
    expectExactEquation(account);
  });

  it('still counts them once a later connection has delivered past the mark (as missing sequence numbers)', () => {
    // Lines 61-100 went with the first connection; 101-150 went over the second.
    const driver = driverStats({
      linesRead: 150,
      linesForwarded: 150,
      linesForwardedToClosedConnections: 100,
      closedConnections: 1,
    });
    const logger = { emitted: 150, dropped: 0 };
    const partly = accountFor(
      'app',
      logger,
      driver,
      forwarderStats({ received: 100, processed: 100, lastSeq: 140, seqGaps: 40 }),
    );
    expect(partly).toMatchObject({ lostOnConnection: 40, inFlight: { onConnection: 10 } });
    expectExactEquation(partly);
    const done = accountFor(
      'app',
      logger,
      driver,
      forwarderStats({ received: 110, processed: 110, lastSeq: 150, seqGaps: 40 }),
    );
    expect(done).toMatchObject({ lostOnConnection: 40, inFlight: { onConnection: 0, total: 0 }, holds: false });
    expect(done.problems.join('; ')).not.toMatch(/sequence numbers are missing/);
    expectExactEquation(done);
  });

  it('does not hold, and claims no figure the forwarder alone knew, when the forwarder is gone', () => {
    const driver = driverStats({
      linesRead: 100,
      linesForwarded: 100,
      linesForwardedToClosedConnections: 100,
      closedConnections: 1,
    });
    const account = accountFor('app', { emitted: 100, dropped: 0 }, driver, {
      gone: 'the log-forwarder exited (code -, signal SIGKILL), and its counts went with it',
    });
    expect(account).toMatchObject({
      delivered: null,
      droppedByForwarder: null,
      lostOnConnection: null,
      inFlight: { onConnection: null, total: null },
      holds: false,
    });
    expect(account.problems.join('; ')).toMatch(
      /100 lines handed to the log-forwarder cannot be accounted for: the log-forwarder exited/,
    );
  });
});

describe('a log driver whose forwarder goes away', () => {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('marks the lines it had handed over, so that those the forwarder never read count as lost', async () => {
    // A forwarder that reads 1,000 lines, then stops reading (its buffers fill) and dies.
    let received = 0;
    const sockets = new Set<Socket>();
    const server = createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('data', (chunk: Buffer) => {
        for (const byte of chunk) if (byte === 0x0a) received++;
        if (received >= 1_000) socket.pause();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => server.close(resolve)));
    const input = new PassThrough();
    const driver = new LogDriver(input, {
      source: 'app',
      mode: 'blocking',
      forwarder: { host: '127.0.0.1', port: (server.address() as AddressInfo).port },
    });
    cleanups.push(() => driver.close(100));

    const emitted = 50_000;
    const line = (seq: number) => `{"seq":${seq},"msg":"${'x'.repeat(200)}"}\n`;
    input.write(Array.from({ length: emitted }, (_, i) => line(i + 1)).join(''));
    // Blocking: the driver stops reading once the connection takes no more.
    await waitFor(() => driver.stats().readingPaused && driver.stats().bufferedLines > 0, 'the connection to fill up');
    const handedOver = driver.stats().linesForwarded;
    server.close();
    for (const socket of sockets) socket.destroy();
    await waitFor(() => driver.stats().closedConnections === 1, 'the driver to see its connection close');

    const stats = driver.stats();
    expect(stats.linesForwardedToClosedConnections).toBe(handedOver);
    const account = accountFor(
      'app',
      { emitted, dropped: 0 },
      stats,
      forwarderStats({ received, processed: received, lastSeq: received }),
    );
    expect(handedOver).toBeGreaterThan(received);
    expect(account.lostOnConnection).toBe(handedOver - received);
    expect(account.inFlight.onConnection).toBe(0);
    expect(account.holds).toBe(false);
    expectExactEquation(account);
  });
});
