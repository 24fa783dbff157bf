import { describe, expect, it } from 'vitest';
import { createLatencyHistogram, recordMillis } from '@paybench/bench-load';
import { countSamplesAbove, mergeEncodedHistograms } from './merged-latency.js';
import { openLoopResult, times } from '@paybench/bench-results/testing';
import { trafficFigures } from './traffic-figures.js';

const slo = { sloP99Ms: 250, requestTimeoutMs: 2000 };

describe('merging per-second histograms', () => {
  it('gives the percentiles of the union of the seconds, not the average of their percentiles', () => {
    const result = openLoopResult([{ checkout: { ok: times(100, 1) } }, { checkout: { ok: times(100, 100) } }]);
    const seconds = result.perSecond.map((s) => s.classes['checkout']);
    const averagedP50 = (seconds[0].p50 + seconds[1].p50) / 2 / 1000;

    const figures = trafficFigures(seconds, 2000, slo);

    expect(averagedP50).toBeGreaterThan(50); // what averaging would claim
    expect(figures.latency.count).toBe(200);
    expect(figures.latency.p50Ms).toBeCloseTo(1, 2);
    expect(figures.latency.p99Ms).toBeCloseTo(100, 0);
    expect(figures.latency.maxMs).toBeCloseTo(100, 0);
  });

  it('merges the classes of a second into one distribution and keeps its encoding', () => {
    const result = openLoopResult([{ checkout: { ok: times(99, 2) }, orderStatus: { ok: [500] } }]);
    const merged = mergeEncodedHistograms(Object.values(result.perSecond[0].classes).map((c) => c.histogram));
    expect(merged.totalCount).toBe(100);
    expect(merged.getValueAtPercentile(99) / 1000).toBeCloseTo(2, 1);
    expect(merged.maxValue / 1000).toBeCloseTo(500, 0);
    const figures = trafficFigures(Object.values(result.perSecond[0].classes), 1000, slo);
    expect(mergeEncodedHistograms([figures.latency.histogram]).totalCount).toBe(100);
  });

  it('reports no percentile (not 0 ms) for a stretch without latency samples', () => {
    const result = openLoopResult([{ checkout: { sent: 100 } }]);
    const figures = trafficFigures([result.perSecond[0].classes['checkout']], 1000, slo);
    expect(figures.latency).toMatchObject({ count: 0, p50Ms: null, p99Ms: null, maxMs: null });
  });
});

describe('countSamplesAbove', () => {
  it('counts samples whose bucket reaches above the limit, consistent with getValueAtPercentile', () => {
    const histogram = createLatencyHistogram();
    for (const ms of [1, 100, 249, 251, 300, 2000]) recordMillis(histogram, ms);
    expect(countSamplesAbove(histogram, 250_000)).toBe(3);
    expect(countSamplesAbove(histogram, 1_000)).toBe(5);
    expect(countSamplesAbove(histogram, 5_000_000)).toBe(0);
    // A value in the limit's own bucket, a hair below it, counts as above (never flatters).
    const edge = createLatencyHistogram();
    edge.recordValue(250_000);
    expect(edge.getValueAtPercentile(99)).toBeGreaterThan(250_000);
    expect(countSamplesAbove(edge, 250_000)).toBe(1);
  });
});
