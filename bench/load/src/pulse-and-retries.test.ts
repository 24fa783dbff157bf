// The open loop's pulse (a rate that changes on the timeline) and the retrying client, against a real local
// server. Every assertion is on counts that the schedule or the retry bound fixes, never on a timing.
import { describe, expect, it } from 'vitest';
import { knownLatencyServerFor } from './known-latency-server.js';
import { runOpenLoop, type OpenLoopOptions } from './open-loop.js';
import type { OpenLoopResult } from './open-loop-result.js';
import { RateSchedule } from './rate-schedule.js';
import type { TrafficClass } from './request-spec.js';

/** Checkouts whose i-th request carries the idempotency key `key-i` in its body, as the bench's traffic does. */
const checkouts = (query = ''): TrafficClass[] => [
  {
    name: 'checkout',
    weight: 1,
    next: (i) => ({
      method: 'POST',
      path: `/v1/checkout${query}`,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ idempotencyKey: `key-${i}`, amount: 100 }),
    }),
  },
];

function openLoop(origin: string, options: Partial<OpenLoopOptions>): Promise<OpenLoopResult> {
  return runOpenLoop({
    origin,
    ratePerSecond: 50,
    durationMs: 1000,
    classes: checkouts(),
    seed: 1,
    maxInFlight: 1000,
    timeoutMs: 5000,
    ...options,
  });
}

const total = (result: OpenLoopResult, field: 'sent' | 'dropped' | 'retries' | 'retriesOverBudget') =>
  result.perSecond.reduce((sum, s) => sum + (s.classes['checkout']?.[field] ?? 0), 0);

describe('rate schedule', () => {
  it('is a constant rate with one step, and changes rate at each step with the first request at its start', () => {
    const constant = new RateSchedule([{ atMs: 0, ratePerSecond: 100 }], 1000);
    expect(constant.total).toBe(100);
    expect([constant.intendedAt(0), constant.intendedAt(1), constant.intendedAt(99)]).toEqual([0, 10, 990]);
    const pulse = new RateSchedule(
      [
        { atMs: 0, ratePerSecond: 10 },
        { atMs: 1000, ratePerSecond: 40 },
        { atMs: 1500, ratePerSecond: 10 },
      ],
      3000,
    );
    // 10 in the first second, 20 in the half second at 40/s, 15 in the last 1.5 s.
    expect(pulse.total).toBe(45);
    expect([pulse.intendedAt(9), pulse.intendedAt(10), pulse.intendedAt(11), pulse.intendedAt(30)]).toEqual([
      900, 1000, 1025, 1500,
    ]);
    expect([pulse.dueBy(0), pulse.dueBy(999), pulse.dueBy(1000), pulse.dueBy(1499), pulse.dueBy(5000)]).toEqual([
      1, 10, 11, 30, 45,
    ]);
    expect([pulse.countBefore(1000), pulse.countBefore(1500), pulse.countBefore(3000)]).toEqual([10, 30, 45]);
  });
});

describe('open loop with a pulse', () => {
  it('offers the pulse: rate x4 in the second it lasts, the base rate before and after', async ({ onTestFinished }) => {
    const target = await knownLatencyServerFor(onTestFinished, { delayMs: 1 });
    const result = await openLoop(target.origin, {
      ratePerSecond: 50,
      warmupMs: 200,
      durationMs: 3000,
      rateSteps: [
        { atMs: 1000, factor: 4 },
        { atMs: 2000, factor: 1 },
      ],
    });
    // Requests count in the second of their intended start: the schedule's own counts, exact.
    const offered = result.perSecond
      .filter((s) => s.second < 3)
      .map((s) => (s.classes['checkout']?.sent ?? 0) + (s.classes['checkout']?.dropped ?? 0));
    expect(offered).toEqual([50, 200, 50]);
    expect(result.classes['checkout']).toMatchObject({ scheduled: 300, success: 300, error: 0 });
    // Warm-up (200 ms at the base rate) is sent too, never counted.
    expect(target.received).toBe(310);
  });
});

// The first four count retries and attempts against servers of their own, and run side by side; the last counts
// requests on their way at a stop, which a busier event loop would change, and runs alone.
describe('open loop as a retrying client', () => {
  it.concurrent(
    'retries a 5xx with the same body (same idempotency key) until it succeeds, counting each retry once',
    async ({ expect, onTestFinished }) => {
      const target = await knownLatencyServerFor(onTestFinished, { delayMs: 1, failFirst: 2 });
      const result = await openLoop(target.origin, { clientRetries: { max: 3 } });
      const checkout = result.classes['checkout'];
      // Every client request got two 503s, then its 201: one outcome per client request, at its final answer.
      expect(checkout).toMatchObject({ scheduled: 50, sent: 50, completed: 50, success: 50, error: 0 });
      expect(total(result, 'retries')).toBe(100);
      expect(checkout.retries).toBe(100);
      expect([...target.arrivalsByBody.values()]).toEqual(new Array(50).fill(3));
      expect([...target.arrivalsByBody.keys()].map((body) => JSON.parse(body).idempotencyKey).sort()).toEqual(
        Array.from({ length: 50 }, (_, i) => `key-${i}`).sort(),
      );
      // Retries are load beside the schedule: the schedule's counts are what they would be without them.
      expect(total(result, 'sent')).toBe(50);
    },
  );

  it.concurrent('stops at max retries, and never retries an answer below 500', async ({ expect, onTestFinished }) => {
    const failing = await knownLatencyServerFor(onTestFinished, { delayMs: 1, failFirst: 100 });
    const bounded = await openLoop(failing.origin, { clientRetries: { max: 2 } });
    expect(bounded.classes['checkout']).toMatchObject({ sent: 50, error: 50, statuses: { 503: 50 }, retries: 100 });
    // No budget: nothing is refused by one.
    expect(bounded.classes['checkout'].retriesOverBudget).toBeUndefined();
    expect([...failing.arrivalsByBody.values()]).toEqual(new Array(50).fill(3));

    const rejecting = await knownLatencyServerFor(onTestFinished, { delayMs: 1 });
    const rejected = await openLoop(rejecting.origin, { classes: checkouts('?status=422'), clientRetries: { max: 3 } });
    expect(rejected.classes['checkout']).toMatchObject({ sent: 50, rejection: 50 });
    expect(rejected.classes['checkout'].retries).toBeUndefined();
    expect(rejecting.received).toBe(50);
  });

  it.concurrent(
    'retries a timeout, and takes the latency from the first intended start to the final ending',
    async ({ expect, onTestFinished }) => {
      const target = await knownLatencyServerFor(onTestFinished, { delayMs: 1 });
      const result = await openLoop(target.origin, {
        ratePerSecond: 20,
        classes: checkouts('?hang=1'),
        timeoutMs: 200,
        clientRetries: { max: 1 },
      });
      const checkout = result.classes['checkout'];
      expect(checkout).toMatchObject({ sent: 20, completed: 20, error: 20, retries: 20 });
      expect(checkout.errorsByKind.timeout).toBe(20);
      expect(target.received).toBe(40);
      // Two attempts of 200 ms each: the client waited at least 400 ms (a lower bound, not a timing).
      expect(checkout.p50).toBeGreaterThanOrEqual(400_000);
    },
  );

  it.concurrent('keeps retries within the budget (a share of client requests)', async ({ expect, onTestFinished }) => {
    const target = await knownLatencyServerFor(onTestFinished, { delayMs: 1, failFirst: 100 });
    const result = await openLoop(target.origin, {
      ratePerSecond: 100,
      durationMs: 2000,
      clientRetries: { max: 3, budget: 0.1 },
    });
    const checkout = result.classes['checkout'];
    const retries = checkout.retries ?? 0;
    // 200 client requests earn 20 retries; without the budget there would be 600.
    expect(retries).toBeGreaterThan(0);
    expect(retries).toBeLessThanOrEqual(20);
    // Every attempt fails: a client request ends either refused by the budget or after its 3 retries, once.
    const refused = checkout.retriesOverBudget ?? 0;
    const exhausted = checkout.completed - refused;
    expect(exhausted).toBeGreaterThanOrEqual(0);
    expect(exhausted * 3).toBeLessThanOrEqual(retries);
    expect(refused).toBeGreaterThanOrEqual(200 - 20 / 3);
    expect(total(result, 'retriesOverBudget')).toBe(refused);
  });

  it('cancels retries still waiting for their backoff when the run is stopped', async ({ onTestFinished }) => {
    const target = await knownLatencyServerFor(onTestFinished, { delayMs: 1, failFirst: 100 });
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 500);
    const result = await openLoop(target.origin, {
      durationMs: 5000,
      clientRetries: { max: 3, backoffMs: 60_000 },
      signal: stop.signal,
    });
    const checkout = result.classes['checkout'];
    expect(result.aborted).toBe(true);
    // Each client request sent before the stop failed once and waited for a retry a minute away, or was still on its
    // way (the stop cancels it too): every one ends cancelled, none is retried, and none reaches the server twice.
    expect(checkout.errorsByKind.cancelled).toBe(checkout.sent);
    expect(checkout.retries).toBeUndefined();
    expect(target.received).toBeLessThanOrEqual(checkout.sent);
    expect(target.received).toBeGreaterThanOrEqual(checkout.sent - 2);
  });
});
