import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { stuckAt, waitFor } from '../../test/support/wait.js';
import { createStdoutPipe } from '../stdout-pipe.js';
import { LogDriver, type LogDriverMode, type LogDriverStats } from './index.js';

/**
 * A stand-in log-forwarder: a real TCP server reading newline-delimited lines, which can stop
 * reading (as a forwarder whose buffer is full stops reading its sockets), go away and come
 * back on the same port. Lines are handed to `onLine` as they arrive.
 */
class StandInForwarder {
  port = 0;
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private paused = false;
  private readonly onLine: (line: string) => void;

  constructor(onLine: (line: string) => void) {
    this.onLine = onLine;
  }

  async start(): Promise<this> {
    const server = createServer((socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
      let partial = '';
      socket.setEncoding('utf8').on('data', (text: string) => {
        const lines = (partial + text).split('\n');
        partial = lines.pop() as string;
        for (const line of lines) this.onLine(line);
      });
      if (this.paused) socket.pause();
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
    return this;
  }

  pause(): void {
    this.paused = true;
    for (const socket of this.sockets) socket.pause();
  }

  resume(): void {
    this.paused = false;
    for (const socket of this.sockets) socket.resume();
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  }

  get address() {
    return { host: '127.0.0.1', port: this.port };
  }
}

/** Collects lines as the forwarder receives them, for tests that compare every line. */
function collectingForwarder() {
  const lines: string[] = [];
  return { lines, forwarder: new StandInForwarder((line) => lines.push(line)) };
}

/**
 * Checks, as lines arrive, that each is exactly what the writer wrote and that sequence numbers
 * only go up (lines may be missing, when dropped, but never reordered or damaged).
 */
function checkingForwarder() {
  const seen = { lines: 0, lastSeq: -1, damaged: 0, outOfOrder: 0 };
  const forwarder = new StandInForwarder((line) => {
    seen.lines++;
    const seq = Number(/^\{"seq":(\d+),/.exec(line)?.[1] ?? NaN);
    if (line !== logLine(seq).trimEnd()) seen.damaged++;
    if (!(seq > seen.lastSeq)) seen.outOfOrder++;
    seen.lastSeq = seq;
  });
  return { seen, forwarder };
}

const PADDING = 'x'.repeat(180);
const logLine = (seq: number) => `{"seq":${seq},"level":"info","msg":"${PADDING}"}\n`;

// A process logging synchronously (as pino with a sync destination does): blocking writes to
// fd 1, and every 64 lines a progress report on stderr, which is read separately and so keeps
// flowing while stdout is stuck.
const WRITER = `
import { writeSync } from 'node:fs';
const total = Number(process.argv[2]);
const padding = ${JSON.stringify(PADDING)};
for (let seq = 0; seq < total; seq++) {
  writeSync(1, '{"seq":' + seq + ',"level":"info","msg":"' + padding + '"}\\n');
  if (seq % 64 === 63) writeSync(2, (seq + 1) + '\\n');
}
writeSync(2, total + '\\n');
`;
const writerScript = join(mkdtempSync(join(tmpdir(), 'paybench-log-driver-')), 'writer.mjs');
writeFileSync(writerScript, WRITER);

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function startDriver(input: Readable, mode: LogDriverMode, forwarder: StandInForwarder, maxBufferBytes?: number) {
  const driver = new LogDriver(input, {
    source: 'test',
    mode,
    forwarder: forwarder.address,
    ...(maxBufferBytes ? { maxBufferBytes } : {}),
  });
  cleanups.push(() => driver.close(200));
  return driver;
}

/** Starts the writer with its stdout on a real FIFO read by a driver, as the supervisor will. */
function startLoggingProcess(total: number, mode: LogDriverMode, forwarder: StandInForwarder, maxBufferBytes?: number) {
  const pipe = createStdoutPipe();
  const driver = startDriver(pipe.reader, mode, forwarder, maxBufferBytes);
  const child = spawn(process.execPath, [writerScript, String(total)], { stdio: ['ignore', pipe.writeFd, 'pipe'] });
  pipe.closeWriteEnd();
  cleanups.push(() => {
    child.kill('SIGKILL');
    pipe.close();
  });
  const progress = { written: 0 };
  child.stderr?.setEncoding('utf8').on('data', (text: string) => {
    const reports = text.trim().split('\n');
    progress.written = Number(reports[reports.length - 1]);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { driver, progress, exited, pid: child.pid as number };
}

function expectExactAccounting(stats: LogDriverStats): void {
  expect(stats.linesRead).toBe(stats.linesForwarded + stats.linesDropped + stats.bufferedLines);
}

/** A deterministic pseudo-random sequence, so a failure can be replayed. */
function randomSource(seed: number) {
  let state = seed;
  return (below: number) => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state % below;
  };
}

describe('LogDriver', () => {
  it('forwards every line intact and in order, whatever the chunk boundaries', async () => {
    const { lines, forwarder } = collectingForwarder();
    cleanups.push(() => forwarder.stop());
    await forwarder.start();
    const input = new PassThrough();
    const driver = startDriver(input, 'blocking', forwarder);

    const random = randomSource(42);
    const written: string[] = [];
    for (let i = 0; i < 2_000; i++) {
      const length = i % 500 === 7 ? 200_000 : random(400);
      written.push(`{"i":${i},"text":"${'é€𝄞ab'.repeat(length / 5)}"}`);
      if (i % 50 === 0) written.push(''); // empty lines are ignored
    }
    const bytes = Buffer.from(written.join('\n') + '\n');
    for (let at = 0; at < bytes.length;) {
      const size = 1 + random(random(10) === 0 ? 100_000 : 3_000);
      input.write(bytes.subarray(at, at + size));
      at += size;
    }

    const expected = written.filter((line) => line !== '');
    await waitFor(() => lines.length === expected.length, 'every line');
    expect(lines).toEqual(expected);
    const stats = driver.stats();
    expect(stats).toMatchObject({
      linesRead: expected.length,
      linesForwarded: expected.length,
      linesDropped: 0,
      bufferedLines: 0,
      partialBytes: 0,
    });
    expect(stats.bytesRead).toBe(bytes.length);
  });

  // The child's progress when blocked, compared with the non-blocking case below.
  const TOTAL_LINES = 400_000;
  let blockedAt: number | undefined;

  it('blocking: a stalled forwarder stalls the process; once it resumes, every line arrives', async () => {
    const { seen, forwarder } = checkingForwarder();
    cleanups.push(() => forwarder.stop());
    await forwarder.start();
    forwarder.pause();
    const { driver, progress, exited, pid } = startLoggingProcess(TOTAL_LINES, 'blocking', forwarder);

    // The forwarder's socket buffers fill, the driver stops reading, the pipe fills, and the
    // process's writes wait: its count stops moving, far short of what it means to write.
    blockedAt = await stuckAt(() => progress.written, pid);
    expect(blockedAt).toBeLessThan(TOTAL_LINES / 10);
    const stalled = driver.stats();
    expect(stalled).toMatchObject({ readingPaused: true, linesDropped: 0, connected: true });
    expectExactAccounting(stalled);
    console.info(`blocking: the process wrote ${blockedAt} lines, then stalled; driver: ${JSON.stringify(stalled)}`);

    forwarder.resume();
    expect(await exited).toBe(0);
    await waitFor(() => seen.lines === TOTAL_LINES, 'every line at the forwarder');
    expect(seen).toEqual({ lines: TOTAL_LINES, lastSeq: TOTAL_LINES - 1, damaged: 0, outOfOrder: 0 });
    const done = driver.stats();
    expect(done).toMatchObject({
      linesRead: TOTAL_LINES,
      linesForwarded: TOTAL_LINES,
      linesDropped: 0,
      bufferedLines: 0,
      inputEnded: true,
    });
  });

  it('non-blocking: a stalled forwarder costs lines, not progress; every line is accounted for', async () => {
    const { seen, forwarder } = checkingForwarder();
    cleanups.push(() => forwarder.stop());
    await forwarder.start();
    forwarder.pause();
    const maxBufferBytes = 64 * 1024;
    const { driver, progress, exited } = startLoggingProcess(TOTAL_LINES, 'non-blocking', forwarder, maxBufferBytes);

    // The process writes everything it meant to, with the forwarder still stalled.
    expect(await exited).toBe(0);
    expect(progress.written).toBe(TOTAL_LINES);
    expect(blockedAt).toBeDefined();
    expect(progress.written).toBeGreaterThanOrEqual(10 * (blockedAt as number));
    await waitFor(() => driver.stats().inputEnded, 'the end of the process output');
    const stalled = driver.stats();
    expect(stalled.linesRead).toBe(TOTAL_LINES);
    expect(stalled.linesDropped).toBeGreaterThan(0);
    expect(stalled.bufferedBytes).toBeLessThanOrEqual(maxBufferBytes);
    expect(stalled.readingPaused).toBe(false);
    expectExactAccounting(stalled);
    console.info(`non-blocking: the process wrote all ${TOTAL_LINES} lines; driver: ${JSON.stringify(stalled)}`);

    forwarder.resume();
    await waitFor(
      () => driver.stats().bufferedLines === 0 && seen.lines === driver.stats().linesForwarded,
      'the buffer to drain',
    );
    const done = driver.stats();
    expect(done.linesForwarded + done.linesDropped).toBe(TOTAL_LINES);
    expect(seen).toMatchObject({ lines: done.linesForwarded, damaged: 0, outOfOrder: 0 });
  });

  it('non-blocking: always accepts a line into an empty buffer, even one larger than the bound', async () => {
    const { lines, forwarder } = collectingForwarder();
    cleanups.push(() => forwarder.stop());
    await forwarder.start();
    await forwarder.stop(); // nobody listening: lines must wait in the buffer
    const input = new PassThrough();
    const driver = startDriver(input, 'non-blocking', forwarder, 64 * 1024);

    const huge = `{"msg":"${'y'.repeat(100 * 1024)}"}`;
    input.write(huge + '\n');
    await waitFor(() => driver.stats().linesRead === 1, 'the huge line');
    expect(driver.stats()).toMatchObject({
      bufferedLines: 1,
      bufferedBytes: huge.length + 1,
      linesDropped: 0,
      connected: false,
    });
    input.write('{"msg":"small"}\n');
    await waitFor(() => driver.stats().linesRead === 2, 'the small line');
    expect(driver.stats()).toMatchObject({ bufferedLines: 1, linesDropped: 1 });
    expectExactAccounting(driver.stats());

    await forwarder.start();
    await waitFor(() => lines.length === 1, 'the huge line at the forwarder');
    expect(lines).toEqual([huge]);
    expect(driver.stats()).toMatchObject({ linesForwarded: 1, linesDropped: 1, bufferedLines: 0, connected: true });
    expect(driver.stats().reconnects).toBeGreaterThan(0);
  });

  it('blocking: loses nothing while the forwarder is away, and catches up when it returns', async () => {
    const { lines, forwarder } = collectingForwarder();
    cleanups.push(() => forwarder.stop());
    await forwarder.start();
    const input = new PassThrough();
    const driver = startDriver(input, 'blocking', forwarder);
    const batch = (from: number) => Array.from({ length: 1_000 }, (_, i) => `{"seq":${from + i}}`);

    input.write(batch(0).join('\n') + '\n');
    await waitFor(() => lines.length === 1_000, 'the first batch');
    await forwarder.stop();
    await waitFor(() => !driver.stats().connected, 'the driver to notice');
    input.write(batch(1_000).join('\n') + '\n');
    await waitFor(() => driver.stats().reconnects >= 2, 'a few reconnection attempts');
    // Blocking: while nothing can be forwarded, nothing is read either.
    expect(driver.stats()).toMatchObject({ readingPaused: true, linesRead: 1_000, linesDropped: 0 });

    await forwarder.start();
    await waitFor(() => lines.length === 2_000, 'the second batch');
    expect(lines).toEqual([...batch(0), ...batch(1_000)]);
    expect(driver.stats()).toMatchObject({
      linesRead: 2_000,
      linesForwarded: 2_000,
      linesDropped: 0,
      connected: true,
      readingPaused: false,
    });
  });

  it('switching a stalled blocking driver to non-blocking frees its process, dropping instead', async () => {
    const { seen, forwarder } = checkingForwarder();
    cleanups.push(() => forwarder.stop());
    await forwarder.start();
    forwarder.pause();
    const { driver, progress, exited, pid } = startLoggingProcess(TOTAL_LINES, 'blocking', forwarder, 64 * 1024);
    await stuckAt(() => progress.written, pid);
    expect(driver.stats().readingPaused).toBe(true);

    driver.setMode('non-blocking');
    expect(await exited).toBe(0);
    await waitFor(() => driver.stats().inputEnded, 'the end of the process output');
    expect(driver.stats().linesDropped).toBeGreaterThan(0);
    expectExactAccounting(driver.stats());
    forwarder.resume();
    await waitFor(
      () => driver.stats().bufferedLines === 0 && seen.lines === driver.stats().linesForwarded,
      'the buffer to drain',
    );
    expect(seen).toMatchObject({ damaged: 0, outOfOrder: 0 });
  });

  it('reads an input its owner had paused', async () => {
    const { lines, forwarder } = collectingForwarder();
    cleanups.push(() => forwarder.stop());
    await forwarder.start();
    for (const mode of ['blocking', 'non-blocking'] as const) {
      const input = new PassThrough();
      input.pause();
      startDriver(input, mode, forwarder);
      input.write(`{"mode":"${mode}"}\n`);
    }
    await waitFor(() => lines.length === 2, 'both lines');
    expect(lines.sort()).toEqual(['{"mode":"blocking"}', '{"mode":"non-blocking"}']);
  });

  it('close() delivers what is buffered, forwards a last unterminated line at end of input, then hangs up', async () => {
    const { lines, forwarder } = collectingForwarder();
    cleanups.push(() => forwarder.stop());
    await forwarder.start();
    const input = new PassThrough();
    const driver = new LogDriver(input, { source: 'test', mode: 'blocking', forwarder: forwarder.address });
    input.end('{"a":1}\n{"last":"words"}');
    await waitFor(() => driver.stats().inputEnded, 'end of input');
    await driver.close();
    expect(lines).toEqual(['{"a":1}', '{"last":"words"}']);
    expect(driver.stats()).toMatchObject({ linesRead: 2, linesForwarded: 2, connected: false, readingPaused: true });
  });
});
