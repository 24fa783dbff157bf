import { describe, expect, it } from 'vitest';
import type { OpenLoopSummary } from '@paybench/bench-results';
import { summarizeCell } from './summarize-cell.js';
import {
  cellResult,
  incidentCell,
  incidentSeconds,
  INCIDENT_PHASES,
  openLoopResult,
  times,
} from '@paybench/bench-results/testing';

function openSummary(cell: ReturnType<typeof cellResult>): OpenLoopSummary {
  const traffic = summarizeCell(cell, 250, { requestTimeoutMs: 2000 }).traffic;
  if (traffic?.kind !== 'open') throw new Error('expected an open-loop summary');
  return traffic;
}

describe('fault timeline', () => {
  const summary = openSummary(incidentCell());

  it('judges every window second, and says why a bad one is bad', () => {
    const bad = summary.timeline.filter((v) => v.bad).map((v) => v.second);
    expect(bad).toEqual([10, 11, 12, 13, 14, 15, 16]);
    expect(summary.timeline[10].reasons).toEqual(['100 sent, none completed']);
    expect(summary.timeline[12].reasons).toEqual(['p99 2001 ms > SLO 250 ms', '100 of 100 failed or dropped']);
    expect(summary.timeline[16].reasons[0]).toBe('p99 300 ms > SLO 250 ms');
  });

  it('measures time to impact of each fault phase from its start, and time to recover after the last', () => {
    expect(summary.impact).toEqual([
      { phase: 'stall', ms: 0, second: 10 },
      { phase: 'recovery', ms: 0, second: 15 },
    ]);
    expect(summary.recovery).toMatchObject({ phase: 'recovery', ms: 2000, outcome: 'recovered' });
  });

  it('summarizes each phase, and each class within it (blast radius)', () => {
    const [healthy, stall, recovery] = summary.phases;
    expect(healthy.traffic).toMatchObject({
      scheduled: 1000,
      success: 1000,
      offeredPerSecond: 100,
      answeredPerSecond: 100,
      availability: 1,
    });
    expect(healthy.traffic.latency.p99Ms).toBeCloseTo(5, 1);
    expect(stall.traffic).toMatchObject({
      scheduled: 500,
      success: 0,
      timeouts: 300,
      answeredPerSecond: 0,
      availability: 0,
    });
    expect(stall.classes['checkout']).toMatchObject({ scheduled: 400, timeouts: 240 });
    expect(stall.classes['orderStatus']).toMatchObject({ scheduled: 100, timeouts: 60 });
    expect(stall.traffic.latency.p99Ms).toBeCloseTo(2000, -1);
    // Recovery: 1000 due; 1000 answers, 200 of them slower than the SLO; 100 late timeouts.
    expect(recovery.traffic).toMatchObject({ scheduled: 1000, success: 1000, timeouts: 100 });
    expect(recovery.traffic.withinSlo).toMatchObject({ samplesAboveSlo: 300, timeoutsAboveSlo: 100, good: 800 });
    expect(recovery.classes['checkout'].latency.p90Ms).toBeCloseTo(600, -1);
    expect(recovery.classes['orderStatus'].latency.p90Ms).toBeCloseTo(500, -1);
    expect(summary.overall.traffic).toMatchObject({ scheduled: 2500, success: 2000 });
    expect(summary.notes).toEqual([]); // the per-second samples add up to the whole-window tallies
  });

  it('says "never" when the window ends bad, and "not observed" when it ends too soon after the last bad second', () => {
    const stillBad = [...incidentSeconds().slice(0, 17), ...incidentSeconds().slice(12, 15)];
    const never = openSummary(
      cellResult({
        phases: INCIDENT_PHASES.map((p) => ({ ...p, toMs: Math.min(p.toMs, 20_000) })),
        loadResult: { kind: 'open', result: openLoopResult(stillBad) },
      }),
    );
    expect(never.recovery).toMatchObject({ ms: null, outcome: 'never' });

    const twoGood = incidentSeconds().slice(0, 19);
    const notObserved = openSummary(
      cellResult({
        phases: INCIDENT_PHASES.map((p) => ({ ...p, toMs: Math.min(p.toMs, 19_000) })),
        loadResult: { kind: 'open', result: openLoopResult(twoGood) },
      }),
    );
    expect(notObserved.recovery).toMatchObject({ ms: null, outcome: 'not observed' });
  });

  it('counts a fault inside a second from the next whole second, and says so', () => {
    const seconds = times(6, 0).map(() => ({ checkout: { ok: times(10, 5) } }));
    const phases = [
      { name: 'healthy', fromMs: 0, toMs: 2_500 },
      { name: 'stall', fromMs: 2_500, toMs: 6_000 },
    ];
    const result = openSummary(cellResult({ phases, loadResult: { kind: 'open', result: openLoopResult(seconds) } }));
    expect(result.phases.map((p) => [p.seconds.first, p.seconds.last, p.coveredMs])).toEqual([
      [0, 2, 3000],
      [3, 5, 3000],
    ]);
    expect(result.notes.join('\n')).toMatch(/phase stall starts at 2500 ms, inside second 2/);
  });

  it('counts the drain (late answers after the window) in the last phase, not in the timeline', () => {
    const withDrain = openLoopResult([...incidentSeconds(), { checkout: { timedOut: times(5, 2000) } }], 25_000);
    const result = openSummary(
      cellResult({ phases: INCIDENT_PHASES, loadResult: { kind: 'open', result: withDrain } }),
    );
    expect(result.phases[2].seconds).toEqual({ first: 15, last: 24, drainSeconds: 1 });
    expect(result.phases[2].traffic.timeouts).toBe(105);
    expect(result.phases[2].coveredMs).toBe(10_000);
    expect(result.timeline.at(-1)?.second).toBe(24);
  });
});
