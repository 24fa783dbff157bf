// Truth tests: each generator runs against a server whose latency is known by construction.
// They live in one file on purpose: vitest runs files in parallel, and on a 2-core machine two
// timing tests at once would measure each other.
import { decodeFromCompressedBase64 } from 'hdr-histogram-js';
import { describe, expect, it } from 'vitest';
import { closedPortOrigin, knownLatencyServerFor } from './known-latency-server.js';
import { runOpenLoop, type OpenLoopOptions } from './open-loop.js';
import type { OpenLoopResult } from './open-loop-result.js';
import type { RequestSpec, TrafficClass } from './request-spec.js';
import { LEDGER_CODE, RequestLedger, type LedgerSnapshot } from './request-ledger.js';
import { runSaturation } from './saturation.js';
import { runSteps } from './steps.js';

const MS = 1000; // microseconds

const getPath = (path: string) => (): RequestSpec => ({ method: 'GET', path });
const oneClass: TrafficClass[] = [{ name: 'pay', weight: 1, next: getPath('/') }];

function openLoop(origin: string, options: Partial<OpenLoopOptions>): Promise<OpenLoopResult> {
  return runOpenLoop({
    origin,
    ratePerSecond: 100,
    durationMs: 1000,
    classes: oneClass,
    seed: 1,
    maxInFlight: 1000,
    timeoutMs: 5000,
    ...options,
  });
}

function sumPerSecond(result: OpenLoopResult, className: string, field: 'sent' | 'dropped' | 'completed'): number {
  return result.perSecond.reduce((total, second) => total + second.classes[className][field], 0);
}

describe('open-loop generator', () => {
  it('reports the latency of a server that answers in 20 ms', async ({ onTestFinished }) => {
    const server = await knownLatencyServerFor(onTestFinished, { delayMs: 20 });
    // On a shared 2-core machine another process can starve this one; the generator then says so
    // (generatorLimited) and its figures are not a measurement of the server. Try a few times for
    // a valid run: only a valid run can be held to the truth.
    let result: OpenLoopResult | undefined;
    let seconds: number[] = [];
    let received = 0;
    for (let attempt = 0; attempt < 3 && (result === undefined || result.generatorLimited); attempt++) {
      const before = server.received;
      seconds = [];
      result = await openLoop(server.origin, {
        durationMs: 3000,
        warmupMs: 500,
        onSecond: (sample) => seconds.push(sample.second),
      });
      received = server.received - before;
    }
    if (result === undefined) throw new Error('unreachable');
    const pay = result.classes.pay;
    console.info(
      `20 ms server at 100 req/s: p50 ${pay.p50} µs, p90 ${pay.p90} µs, p99 ${pay.p99} µs, max ${pay.max} µs; ` +
        `schedule lag p50 ${result.scheduleLag.p50} µs, p99 ${result.scheduleLag.p99} µs` +
        (result.generatorLimited ? ` (generator limited: ${result.reason})` : ''),
    );
    // The floor is the mechanism (latency includes the server's 20 ms); the ceilings only catch a
    // wrong unit or a lost wait, with room for a busy CI machine. The server's setTimeout counts from
    // its event loop's cached time, which on a busy machine lags the clock: it answered 19.55 ms after
    // a request once, so the floor has a millisecond of room (without the wait, p50 is ~0.2 ms).
    expect(pay.p50).toBeGreaterThanOrEqual(19 * MS);
    expect(pay.p50).toBeLessThanOrEqual(100 * MS);
    if (!result.generatorLimited) expect(pay.p99).toBeLessThan(200 * MS);
    // A starved generator must not pass for a slow server: its lag is in the latencies, and told.
    else expect(result.scheduleLag.p99).toBeGreaterThan(10 * MS);
    expect(pay).toMatchObject({
      scheduled: 300,
      sent: 300,
      dropped: 0,
      completed: 300,
      count: 300,
      success: 300,
      error: 0,
    });
    expect(pay.statuses).toEqual({ 200: 300 });
    expect(pay.offeredRate).toBeCloseTo(100);
    expect(pay.achievedRate).toBeCloseTo(100);
    // Warm-up requests were sent (the server saw them) but not counted.
    expect(received).toBe(350);
    expect(sumPerSecond(result, 'pay', 'sent')).toBe(300);
    expect(sumPerSecond(result, 'pay', 'completed')).toBe(300);
    expect(seconds.slice(0, 3)).toEqual([0, 1, 2]);
    expect(decodeFromCompressedBase64(pay.histogram).totalCount).toBe(300);
  });

  it('builds each request before it is due: one that takes 1 ms to build is not sent 1 ms late', async ({
    onTestFinished,
  }) => {
    const server = await knownLatencyServerFor(onTestFinished, { delayMs: 1 });
    const built: number[] = [];
    const slowToBuild: TrafficClass[] = [
      {
        name: 'pay',
        weight: 1,
        next: (i) => {
          const start = performance.now();
          while (performance.now() - start < 1);
          built.push(i);
          return { method: 'GET', path: '/' };
        },
      },
    ];
    const result = await openLoop(server.origin, { ratePerSecond: 50, classes: slowToBuild });
    // Built in the last stretch before it is due (1.5-2.5 ms), so the millisecond is not in the lag: built at the due
    // time, every request would be sent at least 1 ms late. Quiet, p50 reads ~5 us; beside the other projects' tests,
    // with timers firing late, 711 us once. And built once each, in order.
    expect(result.scheduleLag.count).toBe(50);
    expect(result.scheduleLag.p50).toBeLessThan(1 * MS);
    expect(built).toEqual([...Array(50).keys()]);
  });

  it('shows a 1 s stall in the tail, where a closed loop hides it', async ({ onTestFinished }) => {
    const server = await knownLatencyServerFor(onTestFinished, { delayMs: 20 });
    const stall = setTimeout(() => server.stall(1000), 1300);
    const result = await openLoop(server.origin, { durationMs: 3000, warmupMs: 300 });
    clearTimeout(stall);
    const pay = result.classes.pay;
    // Requests due during the stall waited for its end: about a third of the window.
    expect(pay.max).toBeGreaterThanOrEqual(900 * MS);
    expect(pay.p90).toBeGreaterThanOrEqual(100 * MS);
    expect(pay.completed).toBe(300);
    // Not asserted: generatorLimited. Releasing 100 held answers at once costs this process (it
    // also runs the server) tens of milliseconds, which the schedule lag rightly reports.

    // The same stall against a closed loop: its few connections wait it out, and everything
    // that would have been sent meanwhile is never sent, so never measured.
    const closedServer = await knownLatencyServerFor(onTestFinished, { delayMs: 20 });
    const closedStall = setTimeout(() => closedServer.stall(1000), 1300);
    const closed = await runSaturation({
      origin: closedServer.origin,
      connections: 2,
      durationMs: 3000,
      warmupMs: 300,
      requests: [{ method: 'GET', path: '/' }],
      timeoutMs: 5000,
    });
    clearTimeout(closedStall);
    console.info(
      `1 s stall: open loop p90 ${pay.p90} µs, p99 ${pay.p99} µs, max ${pay.max} µs; ` +
        `closed loop p90 ${closed.latency.p90} µs, p99 ${closed.latency.p99} µs, max ${closed.latency.max} µs`,
    );
    expect(closed.latency.max).toBeGreaterThanOrEqual(900 * MS);
    // Its p90 stays far below the stall (about the server's 20 ms; room for a busy CI machine).
    expect(closed.latency.p90).toBeLessThan(450 * MS);
  });
});

// These assert counts (sent, dropped, timed out, recorded) and deadlines of hundreds of milliseconds, never a latency
// the generator measures, so they run side by side, each against a server of its own; the tests above and below
// measure, and run alone (vitest runs one describe block at a time).
describe.concurrent('open-loop generator: what it counts', () => {
  it('drops, and counts per class, requests due while maxInFlight are outstanding', async ({
    expect,
    onTestFinished,
  }) => {
    const server = await knownLatencyServerFor(onTestFinished, { delayMs: 20 });
    server.stall(800);
    const classes: TrafficClass[] = [
      { name: 'pay', weight: 1, next: getPath('/') },
      { name: 'lookup', weight: 1, next: getPath('/') },
    ];
    const result = await openLoop(server.origin, { classes, maxInFlight: 5 });
    let scheduled = 0;
    for (const name of ['pay', 'lookup']) {
      const counts = result.classes[name];
      expect(counts.dropped).toBeGreaterThan(0);
      expect(counts.sent + counts.dropped).toBe(counts.scheduled);
      expect(sumPerSecond(result, name, 'dropped')).toBe(counts.dropped);
      expect(counts.completed).toBe(counts.sent);
      scheduled += counts.scheduled;
    }
    expect(scheduled).toBe(100);
    // At most 5 at a time were sent while the server held them for 0.8 s.
    expect(result.classes.pay.sent + result.classes.lookup.sent).toBeLessThan(40);
  });

  it('counts timeouts, with their latency, when the server never answers', async ({ expect, onTestFinished }) => {
    const server = await knownLatencyServerFor(onTestFinished, { delayMs: 0 });
    server.hang();
    const result = await openLoop(server.origin, { ratePerSecond: 50, timeoutMs: 200 });
    const pay = result.classes.pay;
    expect(pay.sent).toBe(50);
    expect(pay.errorsByKind.timeout).toBe(50);
    expect(pay.error).toBe(50);
    expect(pay.success).toBe(0);
    // Every timeout is in the histogram at no less than the timeout itself.
    expect(pay.count).toBe(50);
    // HDR keeps 3 significant digits: 200 ms is stored in a bucket starting at 199.936 ms.
    expect(decodeFromCompressedBase64(pay.histogram).minNonZeroValue).toBeGreaterThanOrEqual(199 * MS);
  });

  it('times out exactly the requests the server never answers, at their deadline, and counts all the others', async ({
    expect,
    onTestFinished,
  }) => {
    const server = await knownLatencyServerFor(onTestFinished, { delayMs: 0 });
    const classes: TrafficClass[] = [
      { name: 'answered', weight: 3, next: getPath('/') },
      { name: 'unanswered', weight: 1, next: getPath('/?hang=1') },
    ];
    const started = performance.now();
    const result = await openLoop(server.origin, { classes, ratePerSecond: 200, timeoutMs: 300 });
    const elapsed = performance.now() - started;
    const { answered, unanswered } = result.classes;
    expect(answered.scheduled + unanswered.scheduled).toBe(200);
    expect(answered).toMatchObject({ dropped: 0, completed: answered.sent, success: answered.sent, error: 0 });
    expect(answered.count).toBe(answered.sent);
    expect(unanswered.sent).toBeGreaterThan(20);
    expect(unanswered).toMatchObject({ dropped: 0, completed: unanswered.sent, success: 0, error: unanswered.sent });
    expect(unanswered.errorsByKind).toMatchObject({ timeout: unanswered.sent, connection_reset: 0, other: 0 });
    // Each timeout is recorded when it is given up: at its deadline, not before, and not much later.
    expect(unanswered.count).toBe(unanswered.sent);
    expect(decodeFromCompressedBase64(unanswered.histogram).minNonZeroValue).toBeGreaterThanOrEqual(299 * MS);
    expect(unanswered.max).toBeLessThan(1000 * MS);
    for (const name of ['answered', 'unanswered']) {
      expect(sumPerSecond(result, name, 'sent')).toBe(result.classes[name].sent);
      expect(sumPerSecond(result, name, 'completed')).toBe(result.classes[name].completed);
    }
    // The run ends once the last request's deadline has passed, not a timeout per request later.
    expect(elapsed).toBeLessThan(1000 + 300 + 1500);
  });

  it('keeps a ledger of how each request of a class ended, by its index, warm-up included', async ({
    expect,
    onTestFinished,
  }) => {
    const server = await knownLatencyServerFor(onTestFinished, { delayMs: 0 });
    const ledger = new RequestLedger();
    const statusOf = (i: number) => [201, 422, 503, 0][i % 4] as number;
    const classes: TrafficClass[] = [
      { name: 'pay', weight: 1, next: (i) => getPath(statusOf(i) ? `/?status=${statusOf(i)}` : '/?hang=1')(), ledger },
      { name: 'other', weight: 1, next: getPath('/') },
    ];
    const result = await openLoop(server.origin, { classes, ratePerSecond: 200, warmupMs: 250, timeoutMs: 300 });
    const pay = result.classes.pay;
    // Every request of the class is in it, those of the warm-up too, and no other class's.
    expect(ledger.count).toBeGreaterThan(pay.sent);
    expect(ledger.count).toBeLessThan(150);
    for (let i = 0; i < ledger.count; i++) {
      expect(ledger.ending(i)).toBe(statusOf(i) || LEDGER_CODE.timeout);
    }
    const copy = RequestLedger.from(JSON.parse(JSON.stringify(ledger.snapshot())) as LedgerSnapshot);
    expect(copy.count).toBe(ledger.count);
    expect(Array.from({ length: copy.count }, (_, i) => copy.ending(i))).toEqual(
      Array.from({ length: ledger.count }, (_, i) => ledger.ending(i)),
    );
  });

  it('records dropped requests in the ledger', async ({ expect, onTestFinished }) => {
    const server = await knownLatencyServerFor(onTestFinished, { delayMs: 20 });
    server.stall(800);
    const ledger = new RequestLedger();
    const result = await openLoop(server.origin, { classes: [{ ...oneClass[0], ledger }], maxInFlight: 5 });
    const codes = Array.from({ length: ledger.count }, (_, i) => ledger.ending(i));
    expect(codes.filter((code) => code === LEDGER_CODE.dropped)).toHaveLength(result.classes.pay.dropped);
    expect(codes.filter((code) => code === 200)).toHaveLength(result.classes.pay.sent);
  });

  it('counts refused connections', async ({ expect }) => {
    const result = await openLoop(await closedPortOrigin(), { ratePerSecond: 50, durationMs: 500 });
    const pay = result.classes.pay;
    expect(pay.sent).toBe(25);
    expect(pay.errorsByKind).toMatchObject({ connection_refused: 25, timeout: 0, other: 0 });
    expect(pay.error).toBe(25);
    // No answer, so no latency sample: a refusal takes microseconds and would flatter the figures.
    expect(pay.count).toBe(0);
  });

  it('stops early on its signal and cancels what is outstanding', async ({ expect, onTestFinished }) => {
    const server = await knownLatencyServerFor(onTestFinished, { delayMs: 0 });
    server.hang();
    const started = performance.now();
    const result = await openLoop(server.origin, { durationMs: 10_000, signal: AbortSignal.timeout(300) });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(result.aborted).toBe(true);
    expect(result.classes.pay.errorsByKind.cancelled).toBe(result.classes.pay.sent);
    expect(result.classes.pay.sent).toBeGreaterThan(10);
  });

  it('gives an aborted run its rates over the part of the window it measured', async ({ expect, onTestFinished }) => {
    const server = await knownLatencyServerFor(onTestFinished, { delayMs: 0 });
    const result = await openLoop(server.origin, {
      ratePerSecond: 50,
      durationMs: 60_000,
      signal: AbortSignal.timeout(1_000),
    });
    expect(result.aborted).toBe(true);
    // 50/s over the ~1 s measured; over the planned 60 s it would read below 1/s.
    expect(result.classes.pay.offeredRate).toBeGreaterThan(25);
    expect(result.classes.pay.achievedRate).toBeGreaterThan(25);
  });

  it('follows the weights and the seed, and tells rejections from errors', async ({ expect, onTestFinished }) => {
    const server = await knownLatencyServerFor(onTestFinished, { delayMs: 0 });
    const calls: string[] = [];
    const classes: TrafficClass[] = [
      { name: 'pay', weight: 90, next: (i) => (calls.push(`pay ${i}`), { method: 'GET', path: '/' }) },
      {
        name: 'declined',
        weight: 10,
        next: (i) => (calls.push(`declined ${i}`), { method: 'POST', path: '/?status=422', body: '{}' }),
      },
      { name: 'broken', weight: 5, next: () => ({ method: 'GET', path: '/?status=500' }) },
    ];
    const options = { classes, ratePerSecond: 210, durationMs: 1000, seed: 7 };
    const first = await openLoop(server.origin, options);
    const firstCalls = calls.splice(0);
    const second = await openLoop(server.origin, options);
    expect(calls).toEqual(firstCalls);
    expect(second.classes.pay.scheduled).toBe(first.classes.pay.scheduled);

    // 180 / 20 / 10 expected.
    expect(first.classes.pay.scheduled).toBeGreaterThan(160);
    expect(first.classes.pay.scheduled).toBeLessThan(195);
    expect(first.classes.declined.rejection).toBe(first.classes.declined.sent);
    expect(first.classes.declined.error).toBe(0);
    expect(first.classes.broken.error).toBe(first.classes.broken.sent);
    expect(first.classes.broken.statuses).toEqual({ 500: first.classes.broken.sent });
  });
});

describe('closed-loop saturation (autocannon)', () => {
  it('records every answer at microsecond resolution', async ({ onTestFinished }) => {
    const server = await knownLatencyServerFor(onTestFinished, { delayMs: 0 });
    const result = await runSaturation({
      origin: server.origin,
      connections: 4,
      durationMs: 1000,
      warmupMs: 200,
      requests: (i) => ({ method: 'GET', path: `/?n=${i}` }),
      timeoutMs: 2000,
    });
    console.info(
      `saturation, 0 ms server, 4 connections: ${result.throughput.toFixed(0)} req/s, ` +
        `p50 ${result.latency.p50} µs, p99 ${result.latency.p99} µs, max ${result.latency.max} µs`,
    );
    expect(result.throughput).toBeGreaterThan(0);
    expect(result.latency.count).toBe(result.completed);
    expect(result.statuses).toEqual({ 200: result.completed });
    expect(result.errors).toBe(0);
    // autocannon's own summary would hold whole milliseconds only.
    const histogram = decodeFromCompressedBase64(result.latency.histogram);
    expect(histogram.minNonZeroValue % 1000).not.toBe(0);
    expect(result.latency.p50 % 1000).not.toBe(0);
    // It saw at least what the window counted (warm-up included).
    expect(result.autocannon.completed).toBeGreaterThanOrEqual(result.completed);
    expect(result.aborted).toBe(false);
  });

  it('stops early on its signal and returns what it measured', async ({ onTestFinished }) => {
    const server = await knownLatencyServerFor(onTestFinished, { delayMs: 0 });
    const result = await runSaturation({
      origin: server.origin,
      connections: 2,
      durationMs: 60_000,
      requests: [{ method: 'GET', path: '/' }],
      timeoutMs: 2000,
      signal: AbortSignal.timeout(1_000),
    });
    expect(result.aborted).toBe(true);
    expect(result.completed).toBeGreaterThan(0);
    // Over the ~1 s measured, not the planned 60 s: at least the completions of that one second.
    expect(result.throughput).toBeGreaterThan(result.completed / 2);
  });
});

describe('stepped open loop', () => {
  let asked: number[] = [];
  const steps = (origin: string, sloP99Ms: number) =>
    runSteps({
      origin,
      plan: { start: 40, factor: 2, maxSteps: 4 },
      stepMs: 1000,
      sloP99Ms,
      classesForStep: (index) => {
        asked.push(index);
        return oneClass;
      },
      seed: 1,
      maxInFlight: 1000,
      timeoutMs: 5000,
    });

  it('runs every planned step at its own rate while the SLO holds, each with its own counts', async ({
    onTestFinished,
  }) => {
    const server = await knownLatencyServerFor(onTestFinished, { delayMs: 5 });
    asked = [];
    const result = await steps(server.origin, 1000);
    // Each step asks for its own classes (the runner gives each its own idempotency keys).
    expect(asked).toEqual([0, 1, 2, 3]);
    expect(result.stoppedBy).toBe('plan');
    expect(result.steps.map((s) => s.rate)).toEqual([40, 80, 160, 320]);
    // Each step's window holds rate x 1 s requests due, all of them sent and answered.
    expect(result.steps.map((s) => s.result.classes.pay.scheduled)).toEqual([40, 80, 160, 320]);
    expect(result.steps.map((s) => s.result.classes.pay.success)).toEqual([40, 80, 160, 320]);
    expect(server.received).toBe(40 + 80 + 160 + 320);
  });

  it('stops after two steps in a row beyond the SLO', async ({ onTestFinished }) => {
    // Every answer takes 30 ms: beyond a 10 ms SLO from the first step on.
    const server = await knownLatencyServerFor(onTestFinished, { delayMs: 30 });
    const result = await steps(server.origin, 10);
    expect(result.stoppedBy).toBe('slo');
    expect(result.steps.map((s) => s.rate)).toEqual([40, 80]);
    expect(server.received).toBe(40 + 80);
    expect(result.steps[0].result.classes.pay.p50).toBeGreaterThanOrEqual(30 * MS);
  });
});
