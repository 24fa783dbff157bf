import { describe, expect, it } from 'vitest';
import { cellResult, openLoopResult, runResult, steadyCell, times } from '@paybench/bench-results/testing';
import { runVerdicts } from './fault-verdicts.js';
import { formatRatioInterval, intervalBasis } from './format-interval.js';
import { centredOn } from './ratio-intervals.js';
import { summarizeRun } from './summarize-run.js';

const MiB = 2 ** 20;
const cell = (topology: string, repeat: number, latencyMs: number) =>
  steadyCell({ topology, repeat, latencyMs, cpuPerSecond: 0.1, rssBytes: 100 * MiB });
const ratioOf = (cells: ReturnType<typeof cell>[]) => summarizeRun(runResult(cells)).comparisons[0].ratios[0];

describe('the 95% interval of a topology ratio', () => {
  it('over repeats: ratios 2, 3, 4 give an interval that holds 3 and excludes x1', () => {
    const r = ratioOf([
      ...[1, 2, 3].map((repeat) => cell('monolith', repeat, 10)),
      ...[20, 30, 40].map((ms, i) => cell('microservices', i + 1, ms)),
    ]);
    expect(r.intervals).toMatchObject({ basis: 'repeats', repeats: [3, 3], confidence: 0.95 });
    expect(r.p50).toBeCloseTo(3, 2);
    expect(r.intervals?.p50?.low).toBeGreaterThan(1);
    expect(r.intervals?.p50?.low).toBeLessThanOrEqual(3);
    expect(r.intervals?.p50?.high).toBeGreaterThanOrEqual(3);
    expect(r.intervals?.p50?.high).toBeCloseTo(4, 1);
    expect(intervalBasis(r.intervals)).toBe('95% intervals over 3 repeats');
    expect(formatRatioInterval(r.p50, r.intervals?.p50)).toMatch(/^x3\.0 \[2\.\d-4\.0\]$/);
  });

  it('over repeats: identical repeats give a zero-width interval', () => {
    const r = ratioOf([1, 2].flatMap((repeat) => [cell('monolith', repeat, 10), cell('microservices', repeat, 25)]));
    expect(r.intervals?.p50).toEqual({ low: r.p50, high: r.p50 });
    expect(r.intervals?.cpuPerSuccess?.low).toBe(r.intervals?.cpuPerSuccess?.high);
  });

  it('per second with a single repeat, labelled so, and none for a peak', () => {
    // Seconds alternate between 10 and 30 ms for microservices: the p50 ratio could be x1 or x3.
    const seconds = (fast: number, slow: number) =>
      Array.from({ length: 20 }, (_, s) => ({ checkout: { ok: times(100, s % 2 === 0 ? fast : slow) } }));
    const open = (topology: string, fast: number, slow: number) =>
      cellResult({ topology, loadResult: { kind: 'open', result: openLoopResult(seconds(fast, slow)) } });
    const r = ratioOf([open('monolith', 10, 10), open('microservices', 10, 30)]);
    expect(r.intervals).toMatchObject({ basis: 'seconds', repeats: [1, 1], peakRss: null });
    expect(intervalBasis(r.intervals)).toBe('95% intervals per-second, 1 repeat');
    expect(r.intervals?.p50?.low).toBeCloseTo(1, 1);
    expect(r.intervals?.p50?.high).toBeCloseTo(3, 1);
    expect(r.intervals?.throughput).toEqual({ low: 1, high: 1 });
  });

  it('is the same on every computation (seeded), and added once to stored comparisons that lack it', () => {
    const cells = [1, 2, 3].flatMap((repeat) => [
      cell('monolith', repeat, 10 + repeat),
      cell('microservices', repeat, 30),
    ]);
    const first = summarizeRun(runResult(cells));
    expect(summarizeRun(runResult(cells)).comparisons).toEqual(first.comparisons);
    const stored = summarizeRun(runResult(cells, first));
    expect(stored.comparisons).toBe(first.comparisons);
    const old = first.comparisons.map((c) => ({ ...c, ratios: c.ratios.map(({ intervals: _, ...r }) => r) }));
    expect(summarizeRun(runResult(cells, { ...first, comparisons: old })).comparisons).toEqual(first.comparisons);
  });
});

describe('the ratio verdict', () => {
  const verdictOf = (cells: ReturnType<typeof cell>[], strip = false) => {
    const run = runResult(cells);
    const { summaries, comparisons } = summarizeRun(run);
    const shown = strip
      ? comparisons.map((c) => ({ ...c, ratios: c.ratios.map(({ intervals: _, ...r }) => r) }))
      : comparisons;
    const text = runVerdicts(run, summaries, shown)[0].text;
    return text.map((s) => (typeof s === 'string' ? s : Object.values(s)[0])).join('');
  };

  it('calls a ratio a difference only when its interval excludes x1', () => {
    const text = verdictOf([
      ...[10, 11, 12].map((ms, i) => cell('monolith', i + 1, ms)),
      ...[30, 32, 34].map((ms, i) => cell('microservices', i + 1, ms)),
    ]);
    expect(text).toMatch(
      /microservices vs monolith \(95% intervals over 3 repeats\): differ beyond noise in p50 x2\.\d \[/,
    );
    expect(text).toMatch(/not beyond noise: throughput x1\.0 \[1\.0-1\.0\], CPU per request x1\.0 \[1\.0-1\.0\]/);
  });

  it('claims no difference when every interval holds x1, nor without intervals', () => {
    const overlapping = verdictOf([
      ...[10, 20, 30].map((ms, i) => cell('monolith', i + 1, ms)),
      ...[15, 20, 25].map((ms, i) => cell('microservices', i + 1, ms)),
    ]);
    expect(overlapping).toMatch(/: no difference beyond noise; within noise: p50 x1\.0 \[0\.\d+-/);
    expect(overlapping).not.toMatch(/differ beyond noise/);
    const old = verdictOf([cell('monolith', 1, 10), cell('microservices', 1, 40)], true);
    expect(old).toMatch(
      /\(no intervals: stored before paybench computed them\): no difference beyond noise; no interval/,
    );
  });
});

describe('a per-second interval whose seconds cannot recompute the shown ratio exactly', () => {
  it('keeps its relative spread around the ratio shown, so the interval always holds it', () => {
    // Seconds say x3.0 [2.4-3.6] (CPU known in fewer seconds); the whole window says x3.8: the reader sees [3.0-4.6].
    const moved = centredOn(3.8, { estimate: 3, low: 2.4, high: 3.6 });
    expect(moved?.low).toBeCloseTo(3.04, 6);
    expect(moved?.high).toBeCloseTo(4.56, 6);
    expect(centredOn(3, { estimate: 3, low: 2.4, high: 3.6 })).toEqual({ low: 2.4, high: 3.6 });
    expect(centredOn(null, { estimate: 3, low: 2.4, high: 3.6 })?.low).toBe(2.4);
    expect(centredOn(2, null)).toBeNull();
  });
});
