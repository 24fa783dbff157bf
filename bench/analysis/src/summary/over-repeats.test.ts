import { describe, expect, it } from 'vitest';
import { cellResult, quickRun, steadyCell, withoutCells } from '@paybench/bench-results/testing';
import { extractFigures } from '../tracking/extract-figures.js';
import { chooseRepeats, ratio } from './over-repeats.js';
import { summarizeCell } from './summarize-cell.js';
import { summarizeRun } from './summarize-run.js';

const summarize = (cell: ReturnType<typeof cellResult>) => summarizeCell(cell, 250, { requestTimeoutMs: 2000 });
const steady = (repeat: number, latencyMs: number, status: 'ok' | 'invalid' = 'ok') =>
  summarize(steadyCell({ repeat, latencyMs, cpuPerSecond: 0.1, rssBytes: 2 ** 20, status, problems: ['lagged'] }));

describe('chooseRepeats: the one rule for the repeats a median is taken over', () => {
  const valid = steady(1, 10);
  const invalid = steady(2, 900, 'invalid');
  const nothing = summarize(cellResult({ repeat: 3 }));

  it('uses the valid repeats that measured something, whatever it does with invalid ones', () => {
    for (const rule of ['fall back', 'leave out'] as const) {
      const chosen = chooseRepeats([valid, invalid, nothing], rule);
      expect(chosen.basis).toBe('valid');
      expect(chosen.used).toEqual([valid]);
      expect(chosen.excluded.map((e) => [e.summary.repeat, e.reason])).toEqual([
        [2, 'invalid: lagged'],
        [3, 'no load result: nothing was measured'],
      ]);
    }
  });

  it('falls back to the invalid repeats, marked, only when asked and when none is valid', () => {
    expect(chooseRepeats([invalid, nothing], 'fall back')).toMatchObject({ basis: 'invalid only', used: [invalid] });
    expect(chooseRepeats([invalid, nothing], 'leave out')).toMatchObject({ basis: 'none', used: [] });
    expect(chooseRepeats([nothing], 'fall back')).toMatchObject({ basis: 'none', used: [] });
  });

  it('divides only known figures by a known, non-zero one', () => {
    expect(ratio(6, 3)).toBe(2);
    expect(ratio(6, 0)).toBeNull();
    expect(ratio(null, 3)).toBeNull();
    expect(ratio(6, undefined)).toBeNull();
  });
});

describe('the tables and the tracked figures take their medians over the same repeats', () => {
  const p99Of = (run: ReturnType<typeof quickRun>, topology: string) => ({
    table: summarizeRun(run).comparisons[0].topologies.find((t) => t.topology === topology),
    tracked: extractFigures(run).figures.find((f) => f.name === `broken/open-50/${topology}/whole/p99_ms`),
  });

  it('leaves the invalid repeat out of both', () => {
    // microservices repeat 3 of this real run is invalid.
    const { table, tracked } = p99Of(quickRun(), 'microservices');
    expect(table?.repeatsUsed).toEqual([1, 2]);
    expect(table?.repeatsExcluded).toEqual([{ repeat: 3, status: 'invalid' }]);
    expect(tracked?.repeats).toHaveLength(2);
    expect(tracked?.value).toBe(table?.p99Ms);
  });

  it('shows a topology with only invalid repeats marked in the table, and tracks nothing of it', () => {
    const run = withoutCells(quickRun(), (c) => c.topology === 'microservices' && c.repeat !== 3);
    const { table, tracked } = p99Of(run, 'microservices');
    expect(table).toMatchObject({ basis: 'invalid only', repeatsUsed: [3] });
    expect(table?.p99Ms).not.toBeNull();
    expect(tracked).toBeUndefined();
    expect(extractFigures(run).skipped).toContainEqual({
      name: 'ratio/broken/open-50/microservices:monolith/*',
      reason: 'no valid repeat of the numerator',
    });
  });
});
