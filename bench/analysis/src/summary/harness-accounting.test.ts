import { describe, expect, it } from 'vitest';
import type { HarnessCost } from '@paybench/bench-results';
import { processSamples } from '@paybench/bench-results/testing';
import { harnessNote } from './harness-accounting.js';
import { resourceFigures } from './resource-usage.js';

const window = { label: 'whole window', fromMs: 0, toMs: 10_000 };
const harness: HarnessCost = {
  processes: [
    {
      process: 'gateway',
      scrapes: 15,
      cpuMsPerScrape: 0.2,
      metricsCpuMsPerScrape: 3,
      readVia: { proc: 15, process: 0 },
      wrapped: false,
    },
    {
      process: 'orders',
      scrapes: 15,
      cpuMsPerScrape: 0.1,
      metricsCpuMsPerScrape: 2,
      readVia: { proc: 15, process: 0 },
      wrapped: true,
    },
  ],
};
const samples = [
  ...processSamples('gateway', { fromSecond: -2, toSecond: 12, cpuPerSecond: 0.5, rssBytes: 1 }),
  ...processSamples('orders', { fromSecond: -2, toSecond: 12, cpuPerSecond: 0.25, rssBytes: 1, unreachable: [10] }),
];

describe('the harness cost accounting', () => {
  it('counts one reading request between consecutive CPU readings, times each process its own cost', () => {
    const figures = resourceFigures(samples, ['gateway', 'orders'], window, 1000, harness);
    // gateway: readings at seconds 0..10, 10 requests between them x 0.2 ms; orders: 0..9 (10 unreachable), 9 x 0.1 ms.
    expect(figures.harnessCpuSeconds).toBeCloseTo((10 * 0.2 + 9 * 0.1) / 1000, 9);
    expect(figures.metricsScrapeCpuSeconds).toBeCloseTo((10 * 3 + 9 * 2) / 1000, 9);
    // What the processes used stays as measured; CPU per success leaves the harness out.
    expect(figures.cpuSeconds).toBeCloseTo(5 + 0.25 * 9);
    expect(figures.cpuMsPerSuccess).toBeCloseTo(((5 + 0.25 * 9 - 0.0029) * 1000) / 1000, 9);
  });

  it('counts no request for a /proc-only reading (asked: false): asked every 5 s, a fifth of the cost', () => {
    // Asked at seconds -2, 3, 8 (and so on), /proc only in between: the CPU readings are all there, the requests not.
    const sparse = samples.map((s) => ((s.second + 2) % 5 === 0 ? s : { ...s, asked: false }));
    const figures = resourceFigures(sparse, ['gateway', 'orders'], window, 1000, harness);
    // gateway: readings 0..10, asked at 3 and 8 before the last; orders: readings 0..9 (10 unreachable), asked at 3, 8.
    expect(figures.harnessCpuSeconds).toBeCloseTo((2 * 0.2 + 2 * 0.1) / 1000, 9);
    expect(figures.cpuSeconds).toBeCloseTo(5 + 0.25 * 9);
  });

  it('leaves CPU per success as measured, and adds no field, when the cost is not known', () => {
    const unknown: HarnessCost = { processes: harness.processes.map((p) => ({ ...p, cpuMsPerScrape: null })) };
    for (const figures of [
      resourceFigures(samples, ['gateway', 'orders'], window, 1000),
      resourceFigures(samples, ['gateway', 'orders'], window, 1000, unknown),
    ]) {
      expect(figures.cpuMsPerSuccess).toBeCloseTo(5 + 0.25 * 9, 9);
      expect(figures).not.toHaveProperty('harnessCpuSeconds');
    }
  });

  it("states per cell the cost, its share of the system's CPU and what /metrics scrapes would have cost", () => {
    const figures = resourceFigures(samples, ['gateway', 'orders'], window, 1000, harness);
    const note = harnessNote(harness, figures);
    expect(note).toBe(
      "harness cost: 30 readings at 0.100-0.200 ms of CPU each; 2.9 ms in the window, 0.04% of the system's CPU, subtracted from CPU ms/req; " +
        "/metrics scrapes (2.000-3.000 ms each) would have cost 0.66%; orders read through the app's own pid (a wrapper runs it)",
    );
    expect(harnessNote(undefined, figures)).toBeNull();
  });
});
