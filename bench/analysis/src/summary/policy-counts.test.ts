import { describe, expect, it } from 'vitest';
import { steadyCell } from '@paybench/bench-results/testing';
import type { CellResult } from '@paybench/bench-results';
import { cellRetryCounts, retryCountsText } from './policy-counts.js';

const policies = (process: string, retries: number, reachable = true) => ({
  process,
  reachable,
  retries,
  breakerOpens: 1,
  breakerRejections: 0,
  bulkheadRejections: 3,
  fallbacks: 0,
});

/** A steady cell whose checkout class retried `retries` times, `overBudget` more refused by the client's budget. */
function retryingCell(retries: number, overBudget: number, resilience?: CellResult['resilience']): CellResult {
  const cell = steadyCell({ latencyMs: 10, cpuPerSecond: 0.1, rssBytes: 1, ...(resilience ? { resilience } : {}) });
  if (cell.loadResult?.kind !== 'open') throw new Error('expected an open-loop cell');
  const checkout = cell.loadResult.result.classes['checkout'];
  if (!checkout) throw new Error('expected a checkout class');
  if (retries > 0) checkout.retries = retries;
  if (overBudget > 0) checkout.retriesOverBudget = overBudget;
  return cell;
}

describe('retry counts of a cell', () => {
  it("sums the policies over processes and the client's retries and budget refusals over classes", () => {
    const cell = retryingCell(300, 20, { preset: 'resilient', processes: [policies('a', 2), policies('b', 5)] });
    const counts = cellRetryCounts(cell);
    expect(counts).toEqual({
      preset: 'resilient',
      policies: ['7 retries', '2 breaker opens', '6 bulkhead rejections'],
      client: ['300 retries', '20 refused by its budget'],
    });
    expect(retryCountsText(counts)).toBe(
      'policies: 7 retries, 2 breaker opens, 6 bulkhead rejections; client: 300 retries, 20 refused by its budget',
    );
  });

  it('names processes whose counters were not read, and says nothing for a cell where nothing retried', () => {
    const unread = cellRetryCounts(retryingCell(0, 0, { preset: 'naive', processes: [policies('risk', 0, false)] }));
    expect(unread.policies).toEqual(['1 breaker open', '3 bulkhead rejections', 'counters unread from risk']);
    const quiet = cellRetryCounts(retryingCell(0, 0));
    expect(quiet).toEqual({ preset: null, policies: [], client: [] });
    expect(retryCountsText(quiet)).toBeNull();
    expect(retryCountsText(cellRetryCounts(retryingCell(1, 0)))).toBe('client: 1 retry');
  });
});
