import { describe, expect, it } from 'vitest';
import { resourceFigures } from './resource-usage.js';
import { summarizeCell } from './summarize-cell.js';
import { incidentCell, processSamples } from '@paybench/bench-results/testing';

const MiB = 2 ** 20;
const window = { label: 'whole window', fromMs: 0, toMs: 10_000 };

describe('resource figures', () => {
  it('divides the growth of the cumulative CPU counters of every process by the successes', () => {
    const samples = [
      ...processSamples('gateway', {
        fromSecond: -2,
        toSecond: 12,
        cpuPerSecond: 0.5,
        cpuAtStart: 3,
        rssBytes: (s) => (80 + s) * MiB,
      }),
      ...processSamples('orders', { fromSecond: -2, toSecond: 12, cpuPerSecond: 0.25, rssBytes: 50 * MiB }),
    ];
    const figures = resourceFigures(samples, ['gateway', 'orders'], window, 1000);
    // Seconds 0..10: 5 s + 2.5 s of CPU for 1000 successes.
    expect(figures.cpuSeconds).toBeCloseTo(7.5);
    expect(figures.cpuMsPerSuccess).toBeCloseTo(7.5);
    expect(figures.processes.map((p) => p.peakRssBytes)).toEqual([90 * MiB, 50 * MiB]);
    expect(figures.peakRssBytes).toBe(140 * MiB);
    expect(figures.maxEventLoopP99Ms).toBe(10);
    expect(figures.notes).toEqual([]);
  });

  it('adds each life of a process restarted after a crash (its counter starts again from 0)', () => {
    const samples = processSamples('risk', { fromSecond: 0, toSecond: 10, cpuPerSecond: 0.5, rssBytes: 50 * MiB });
    // Killed after second 4 (2 s of CPU so far), down at 5, a new life from second 6 counting from 0.1.
    for (const s of samples) {
      if (s.second === 5) Object.assign(s, { reachable: false, cpuSeconds: null });
      if (s.second >= 6) s.cpuSeconds = 0.1 + (s.second - 6) * 0.5;
    }
    const figures = resourceFigures(samples, ['risk'], window, 100);
    // 2 s in the first life, 0.1 + 2 s in the second (seconds 6..10).
    expect(figures.cpuSeconds).toBeCloseTo(4.1);
  });

  it('uses the nearest reachable readings when a process did not answer at the ends, and says so', () => {
    const samples = [
      ...processSamples('gateway', {
        fromSecond: 0,
        toSecond: 10,
        cpuPerSecond: 0.5,
        rssBytes: 80 * MiB,
        unreachable: [0, 9, 10],
      }),
      ...processSamples('orders', { fromSecond: 0, toSecond: 10, cpuPerSecond: 0.25, rssBytes: 50 * MiB }),
    ];
    const figures = resourceFigures(samples, ['gateway', 'orders'], window, 1000);
    expect(figures.processes[0]).toMatchObject({
      cpuFromSecond: 1,
      cpuToSecond: 8,
      unreachableSamples: 3,
      samples: 11,
    });
    expect(figures.cpuSeconds).toBeCloseTo(3.5 + 2.5);
    expect(figures.notes).toEqual([
      'whole window: gateway did not answer 3 of 11 scrapes (stalled?): its CPU, memory and event loop are unknown for those seconds',
      'whole window: gateway CPU counted from second 1 to 8 (nearest reachable readings; the sampler covered 0 to 10)',
    ]);
  });

  it('says once that a stretch no sample reached (an interrupted run) was not sampled, not twice per process', () => {
    const samples = [
      ...processSamples('gateway', { fromSecond: 0, toSecond: 4, cpuPerSecond: 0.5, rssBytes: 80 * MiB }),
      ...processSamples('orders', { fromSecond: 0, toSecond: 4, cpuPerSecond: 0.25, rssBytes: 50 * MiB }),
    ];
    const figures = resourceFigures(
      samples,
      ['gateway', 'orders'],
      { label: 'recovery', fromMs: 6_000, toMs: 10_000 },
      0,
    );
    expect(figures.cpuSeconds).toBeNull();
    expect(figures.notes).toEqual(['recovery: not sampled (no process was scraped in this stretch)']);
  });

  it('gives no total (rather than a partial one) when a process has fewer than two CPU readings', () => {
    const samples = [
      ...processSamples('gateway', {
        fromSecond: 0,
        toSecond: 10,
        cpuPerSecond: 0.5,
        rssBytes: 80 * MiB,
        unreachable: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
      }),
      ...processSamples('orders', { fromSecond: 0, toSecond: 10, cpuPerSecond: 0.25, rssBytes: 50 * MiB }),
    ];
    const figures = resourceFigures(samples, ['gateway', 'orders', 'payments'], window, 1000);
    expect(figures).toMatchObject({ cpuSeconds: null, cpuMsPerSuccess: null, peakRssBytes: null });
    expect(figures.notes).toContain('whole window: gateway has fewer than two CPU readings: CPU per request unknown');
    expect(figures.notes).toContain('whole window: no sample of payments');
  });

  it('splits CPU by phase so that the phases add up to the whole window', () => {
    const summary = summarizeCell(incidentCell({ cpuPerSecond: 0.2 }), 250, { requestTimeoutMs: 2000 });
    if (summary.traffic?.kind !== 'open') throw new Error('expected an open-loop summary');
    const phaseCpu = summary.traffic.phases.map((p) => p.resources.cpuSeconds ?? NaN);
    expect(phaseCpu[0]).toBeCloseTo(2);
    expect(phaseCpu.reduce((a, b) => a + b, 0)).toBeCloseTo(summary.traffic.overall.resources.cpuSeconds ?? NaN);
    // The stall phase has no success: CPU per request is undefined there, not 0 or infinite.
    expect(summary.traffic.phases[1].resources.cpuMsPerSuccess).toBeNull();
    expect(summary.traffic.overall.resources.cpuMsPerSuccess).toBeCloseTo((25 * 0.2 * 1000) / 2000);
  });
});
