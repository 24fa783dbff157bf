import { describe, expect, it } from 'vitest';
import { createLatencyHistogram, recordMillis } from '@paybench/bench-load';
import { openLoopResult, times } from '@paybench/bench-results/testing';
import { perSecondLatency } from '../tracking/per-second-latency.js';
import { secondsByPhase } from './phase-seconds.js';
import { secondFigures } from './second-figures.js';
import { judgeSeconds } from './second-verdicts.js';

describe('secondFigures: one second, every class merged', () => {
  // Second 0: 98 fast checkouts and 2 slow status reads: the slow ones are the merged p99, though
  // neither class's own p99 (10 ms, 400 ms) averaged with the other would give it. Second 1: a stall.
  // Second 2: the stall's late answers, more than were due in the second.
  const result = openLoopResult([
    { checkout: { ok: times(98, 10), failed: [12] }, orderStatus: { ok: times(2, 400), dropped: 3 } },
    { checkout: { sent: 50 }, orderStatus: { sent: 5 } },
    { checkout: { sent: 20, ok: times(40, 20), rejected: times(10, 30) } },
  ]);

  it('takes p50 and p99 from the merged histogram of the requests that ended in the second', () => {
    const merged = createLatencyHistogram();
    for (const ms of [...times(98, 10), 12, ...times(2, 400)]) recordMillis(merged, ms);
    const [first, stall, last] = result.perSecond.map(secondFigures);
    expect(first.p99Ms).toBe(merged.getValueAtPercentile(99) / 1000);
    expect(first.p99Ms).toBeCloseTo(400, -1);
    expect(first.p50Ms).toBeCloseTo(10, 1);
    expect(stall).toMatchObject({ p50Ms: null, p99Ms: null, sent: 55, completed: 0 });
    expect(last).toMatchObject({ answeredOk: 50, failed: 0 });
    expect(last.p99Ms).toBeCloseTo(30, 1);
  });

  it('reads a second once: asked again for the same sample, it gives the same figures without merging again', () => {
    const sample = result.perSecond[0];
    expect(secondFigures(sample)).toBe(secondFigures(sample));
    // A copy is another sample (nothing keyed on content): its own figures, equal to the first.
    const copy = structuredClone(sample);
    expect(secondFigures(copy)).not.toBe(secondFigures(sample));
    expect(secondFigures(copy)).toEqual(secondFigures(sample));
  });

  it('counts the due, the ended and the failed, and the larger of due and ended as the denominator', () => {
    expect(secondFigures(result.perSecond[0])).toMatchObject({
      scheduled: 104,
      sent: 101,
      completed: 101,
      answeredOk: 100,
      failed: 4,
      denominator: 104,
    });
    expect(secondFigures(result.perSecond[2])).toMatchObject({ scheduled: 20, completed: 50, denominator: 50 });
  });

  it('is what the bad-second rule judges and what the tracked per-second latencies sample', () => {
    const phases = [{ name: 'whole', fromMs: 0, toMs: result.durationMs }];
    const verdicts = judgeSeconds(secondsByPhase(result.perSecond, phases, result.durationMs).phases, 250);
    const tracked = perSecondLatency(result, phases).whole;
    const figures = result.perSecond.map(secondFigures);
    expect(verdicts.map((v) => v.p99Ms)).toEqual(figures.map((f) => f.p99Ms));
    expect(verdicts.map((v) => v.failedShare)).toEqual(figures.map((f) => f.failed / f.denominator));
    // The stall has no latency to sample.
    expect(tracked).toEqual(
      figures.filter((f) => f.p99Ms !== null).map((f) => ({ second: f.second, p50Ms: f.p50Ms, p99Ms: f.p99Ms })),
    );
  });
});
