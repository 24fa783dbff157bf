// The worker protocol end to end, in one process: slices of one schedule, the exact merge, and runs driven over
// real streams against the known-latency server. (Real worker processes and remote workers: bench/cli's tests.)
import { createServer, type Socket } from 'node:net';
import { duplexPair } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeFromCompressedBase64 } from 'hdr-histogram-js';
import { startKnownLatencyServer, type KnownLatencyServer } from '../known-latency-server.js';
import { createLatencyHistogram, recordMillis, summarizeLatency } from '../latency-histogram.js';
import { runOpenLoop } from '../open-loop.js';
import type { ClassResult, OpenLoopResult, SecondSample } from '../open-loop-result.js';
import { createTally, summarizeTally, tallyEnding } from '../outcome-tally.js';
import { LEDGER_CODE, RequestLedger } from '../request-ledger.js';
import type { TrafficClass } from '../request-spec.js';
import { mergeLedgersByClass } from './merge-ledgers.js';
import { mergeOpenLoopResults } from './merge-open-loop.js';
import { runWorkers, type WorkerEndpoint } from './run-workers.js';
import { serveWorkerSession, type SliceRunner } from './serve-worker.js';

const servers: KnownLatencyServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});
async function server(delayMs: number): Promise<KnownLatencyServer> {
  const started = await startKnownLatencyServer({ delayMs });
  servers.push(started);
  return started;
}

/** Two classes (3:1) whose requests say which class and index they are, each class with a ledger. */
function classesLogging(sent: string[]): TrafficClass[] {
  return ['a', 'b'].map((name, k) => ({
    name,
    weight: k === 0 ? 3 : 1,
    ledger: new RequestLedger(),
    next: (i: number) => {
      sent.push(`${name}${i}`);
      return { method: 'GET', path: `/?${name}=${i}` };
    },
  }));
}

const common = { ratePerSecond: 200, durationMs: 1000, warmupMs: 200, seed: 7, maxInFlight: 500, timeoutMs: 5000 };

describe('slices of one schedule', () => {
  it('send every request of the whole schedule exactly once, with the same classes', async () => {
    const target = await server(1);
    const whole: string[] = [];
    const full = await runOpenLoop({ origin: target.origin, classes: classesLogging(whole), ...common });
    const sliced: string[] = [];
    const parts = await Promise.all(
      [0, 1, 2].map((index) =>
        runOpenLoop({ origin: target.origin, classes: classesLogging(sliced), ...common, slice: { index, count: 3 } }),
      ),
    );
    expect(whole.length).toBe(240);
    expect(new Set(sliced).size).toBe(sliced.length);
    expect([...sliced].sort()).toEqual([...whole].sort());
    // Each slice sends its share (every third request), and the merged counts are the whole schedule's.
    // Each slice sends every third measured request: 200 measured (40 of the 240 are warm-up) make 66, 67, 67.
    const shares = parts.map((part) => part.classes['a'].scheduled + part.classes['b'].scheduled);
    expect(shares).toEqual([66, 67, 67]);
    const merged = mergeOpenLoopResults(parts);
    for (const name of ['a', 'b']) {
      expect(merged.classes[name].scheduled).toBe(full.classes[name].scheduled);
      expect(merged.classes[name].completed).toBe(full.classes[name].completed);
    }
    expect(merged.scheduleLag.count).toBe(full.scheduleLag.count);
  });

  it('keep a ledger in which each request is set by exactly one slice', () => {
    const ledgers = [0, 1].map(() => new RequestLedger());
    for (let i = 0; i < 10; i++) ledgers[i % 2].ended(i, { status: 200 + i, outcome: 'success' });
    const merged = RequestLedger.from(mergeLedgersByClass(ledgers.map((l) => ({ a: l.snapshot() })))['a']);
    expect(merged.count).toBe(10);
    expect(Array.from({ length: 10 }, (_, i) => merged.ending(i))).toEqual([...Array(10).keys()].map((i) => 200 + i));
    expect(merged.ending(10)).toBe(LEDGER_CODE.unscheduled);
  });
});

describe('the exact merge', () => {
  it('gives the percentiles of one histogram fed every value, and summed counts', () => {
    const values = [[1, 2, 3, 50, 51], [7, 8, 900, 1.5], [0.2]];
    const parts = values.map((slice, k) => openLoopResultOf(slice, k));
    const merged = mergeOpenLoopResults(parts);
    const one = createLatencyHistogram();
    for (const value of values.flat()) recordMillis(one, value);
    const truth = summarizeLatency(one);
    const pay = merged.classes['pay'];
    expect({ p50: pay.p50, p90: pay.p90, p99: pay.p99, max: pay.max, count: pay.count }).toEqual({
      p50: truth.p50,
      p90: truth.p90,
      p99: truth.p99,
      max: truth.max,
      count: 10,
    });
    expect(pay.completed).toBe(10);
    expect(pay.statuses).toEqual({ '200': 10 });
    expect(pay.offeredRate).toBe(30);
    expect(merged.perSecond.map((s) => s.classes['pay'].count)).toEqual([10]);
    expect(decodeFromCompressedBase64(merged.perSecond[0].classes['pay'].histogram).getValueAtPercentile(99)).toBe(
      truth.p99,
    );
    expect(merged.scheduleLag.count).toBe(3);
  });
});

/** A one-class, one-second result recording `millis` (as a slice would send it). */
function openLoopResultOf(millis: number[], k: number): OpenLoopResult {
  const tally = createTally();
  for (const value of millis) tallyEnding(tally, { status: 200, outcome: 'success' }, value);
  tally.sent = millis.length;
  const summary = summarizeTally(tally);
  const pay: ClassResult = { ...summary, scheduled: 10, offeredRate: 10, achievedRate: millis.length };
  const lag = createLatencyHistogram();
  recordMillis(lag, k + 1);
  const { count, p50, p99, max, histogram } = summarizeLatency(lag);
  const second: SecondSample = { second: 0, classes: { pay: summary } };
  return {
    classes: { pay },
    perSecond: [second],
    scheduleLag: { count, p50, p99, max, histogram },
    generatorLimited: false,
    aborted: false,
    durationMs: 1000,
    warmupMs: 0,
    ratePerSecond: 30,
    seed: 1,
  };
}

const sliceRunner =
  (origin: string): SliceRunner =>
  async (load, slice, hooks) => {
    const ledger = new RequestLedger();
    const classes: TrafficClass[] = [{ name: 'pay', weight: 1, ledger, next: () => ({ method: 'GET', path: '/' }) }];
    const result = await runOpenLoop({
      origin,
      classes,
      ratePerSecond: load['rate'] as number,
      durationMs: load['durationMs'] as number,
      warmupMs: 200,
      seed: 1,
      maxInFlight: 500,
      timeoutMs: 5000,
      slice,
      onSecond: hooks.onSecond,
      signal: hooks.signal,
    });
    return { result, ledgers: { pay: ledger.snapshot() } };
  };

/** A worker served in this process over an in-memory duplex pair (its `dispose` closes the pair). */
function inProcessWorker(name: string, runSlice: SliceRunner, token: string | null = null): WorkerEndpoint {
  const [runnerSide, workerSide] = duplexPair();
  void serveWorkerSession(workerSide, { name, token, runSlice });
  return {
    name,
    stream: runnerSide,
    dispose: () => {
      runnerSide.destroy();
      workerSide.destroy();
    },
  };
}

const runOptions = { token: 'secret', placement: 'remote' as const, silenceMs: 5000 };

describe('runWorkers over the protocol', () => {
  it('merges two workers into counts equal to the offered schedule, latencies of the same order as one', async () => {
    const target = await server(5);
    const load = { rate: 300, durationMs: 1500 };
    const one = await runWorkers([inProcessWorker('solo', sliceRunner(target.origin))], { ...runOptions, load }).result;
    const seconds: SecondSample[] = [];
    const run = runWorkers(
      [0, 1].map((i) => inProcessWorker(`w${i}`, sliceRunner(target.origin), 'secret')),
      { ...runOptions, load, onSecond: (second) => seconds.push(second) },
    );
    const two = await run.result;
    expect(await run.started).toBeGreaterThan(0);
    const pay = two.result.classes['pay'];
    expect(pay.scheduled).toBe(450);
    expect(pay.sent + pay.dropped).toBe(450);
    expect(pay.completed).toBe(pay.sent);
    expect(pay.scheduled).toBe(one.result.classes['pay'].scheduled);
    // Order of magnitude, never timings: both around the server's 5 ms. Its timer runs from the event loop's cached
    // clock and can answer up to a millisecond early by a fresh one (one worker alone reads 4.83-4.96 ms here).
    expect(pay.p50).toBeGreaterThanOrEqual(4_000);
    expect(pay.p50).toBeLessThan(10 * one.result.classes['pay'].p50);
    expect(two.result.workers?.each.map((w) => w.worker)).toEqual(['w0', 'w1']);
    expect(two.result.workers?.each.map((w) => w.sent)).toEqual([225, 225]);
    expect(Math.abs(two.result.workers?.each[0].clockOffsetMs ?? 99)).toBeLessThan(5);
    expect(seconds.reduce((total, s) => total + s.classes['pay'].sent, 0)).toBe(pay.sent);
    const ledger = RequestLedger.from(two.ledgers['pay']);
    const endings = Array.from({ length: ledger.count }, (_, i) => ledger.ending(i));
    expect(endings.filter((code) => code === 200).length).toBe(510);
  });

  it('fails, naming the worker, when one errors, goes silent or is refused', async () => {
    const target = await server(1);
    const load = { rate: 100, durationMs: 1000 };
    const failing: SliceRunner = () => Promise.reject(new Error('no route to the target'));
    await expect(
      runWorkers([inProcessWorker('ok', sliceRunner(target.origin)), inProcessWorker('bad', failing)], {
        ...runOptions,
        load,
      }).result,
    ).rejects.toThrow(/generator worker bad failed: Error: no route to the target/);
    const hanging: SliceRunner = () => new Promise(() => undefined);
    await expect(
      runWorkers([inProcessWorker('stuck', hanging)], { ...runOptions, load, silenceMs: 500 }).result,
    ).rejects.toThrow(/generator worker stuck said nothing for 0.5 s: hung/);
    await expect(
      runWorkers([inProcessWorker('locked', sliceRunner(target.origin), 'other')], { ...runOptions, load }).result,
    ).rejects.toThrow(/generator worker locked refused: wrong token/);
  });

  it('works over TCP, as with a remote worker', async () => {
    const target = await server(1);
    const sockets: Socket[] = [];
    const listener = createServer((socket) => {
      sockets.push(socket);
      void serveWorkerSession(socket, { name: 'tcp', token: 'secret', runSlice: sliceRunner(target.origin) });
    });
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    const { port } = listener.address() as { port: number };
    const { connect } = await import('node:net');
    const socket = connect(port, '127.0.0.1');
    const run = await runWorkers([{ name: `127.0.0.1:${port}`, stream: socket, dispose: () => socket.destroy() }], {
      ...runOptions,
      load: { rate: 100, durationMs: 1000 },
    }).result;
    expect(run.result.classes['pay'].scheduled).toBe(100);
    for (const s of sockets) s.destroy();
    await new Promise((resolve) => listener.close(resolve));
  });
});
