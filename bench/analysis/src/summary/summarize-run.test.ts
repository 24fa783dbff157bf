import { describe, expect, it } from 'vitest';
import { runResult, steadyCell } from '@paybench/bench-results/testing';
import { compareTopologies } from './compare-topologies.js';
import { summarizeCell } from './summarize-cell.js';
import { summarizeRun } from './summarize-run.js';

const MiB = 2 ** 20;
// The fixture's scenario: SLO p99 250 ms, request timeout 2 s, topologies monolith then microservices.
const summarize = (cell: ReturnType<typeof steadyCell>) => summarizeCell(cell, 250, { requestTimeoutMs: 2000 });
const cells = [
  steadyCell({ topology: 'microservices', repeat: 1, latencyMs: 30, cpuPerSecond: 0.3, rssBytes: 400 * MiB }),
  steadyCell({ topology: 'monolith', repeat: 1, latencyMs: 10, cpuPerSecond: 0.1, rssBytes: 100 * MiB }),
  steadyCell({ topology: 'monolith', repeat: 2, latencyMs: 12, cpuPerSecond: 0.1, rssBytes: 100 * MiB }),
];

describe('summarizeRun', () => {
  it('computes every figure of a result that stores none, comparing topologies in the scenario order', () => {
    const { summaries, comparisons } = summarizeRun(runResult(cells, { summaries: undefined, comparisons: undefined }));
    expect(summaries).toEqual(cells.map(summarize));
    // The same comparison, with an interval added to each ratio (ratio-intervals.test.ts checks those).
    const withoutIntervals = comparisons.map((c) => ({ ...c, ratios: c.ratios.map(({ intervals: _, ...r }) => r) }));
    expect(withoutIntervals).toEqual(
      compareTopologies(cells.map(summarize), { topologies: ['monolith', 'microservices'] }),
    );
    expect(comparisons[0].ratios[0].intervals?.basis).toBe('seconds');
    expect(comparisons[0].baseline).toBe('monolith');
  });

  it('uses the stored figures as they are when every cell has its own', () => {
    const stored = summarizeRun(runResult(cells));
    const run = runResult(cells, stored);
    const again = summarizeRun(run);
    again.summaries.forEach((summary, i) => expect(summary).toBe(stored.summaries[i]));
    expect(again.comparisons).toBe(stored.comparisons);
  });

  it('summarizes only the cell a run has just measured, and compares again with it', () => {
    const before = summarizeRun(runResult(cells.slice(0, 2)));
    const after = summarizeRun(runResult(cells, before));
    expect(after.summaries.slice(0, 2)).toEqual(before.summaries);
    after.summaries.slice(0, 2).forEach((summary, i) => expect(summary).toBe(before.summaries[i]));
    expect(after.summaries[2]).toEqual(summarize(cells[2]));
    expect(after.comparisons[0].topologies[0].repeatsUsed).toEqual([1, 2]);
    expect(before.comparisons[0].topologies[0].repeatsUsed).toEqual([1]);
  });

  it('does not take a stored summary for another cell than its own', () => {
    const stored = summarizeRun(runResult(cells));
    const swapped = [stored.summaries[1], stored.summaries[0], stored.summaries[2]];
    const { summaries, comparisons } = summarizeRun(runResult(cells, { summaries: swapped, comparisons: [] }));
    expect(summaries.map((s) => s.key)).toEqual(cells.map((c) => c.key));
    expect(summaries[2]).toBe(stored.summaries[2]);
    expect(comparisons).toEqual(stored.comparisons);
  });
});
