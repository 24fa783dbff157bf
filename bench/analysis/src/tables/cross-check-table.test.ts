import { describe, expect, it } from 'vitest';
import type { CellResult, WrkCrossCheck } from '@paybench/bench-results';
import { cellResult } from '@paybench/bench-results/testing';
import { summarizeCell } from '../summary/summarize-cell.js';
import { cellTable } from './cell-table.js';
import { crossCheckTable } from './cross-check-table.js';
import type { TableCell } from './table-model.js';

const wrk: WrkCrossCheck = {
  tool: 'wrk',
  version: 'wrk 4.1.0',
  connections: 32,
  threads: 1,
  durationMs: 10_000,
  requests: 15_000,
  requestsPerSecond: 1_500,
  non2xx: 3,
  socketErrors: { connect: 0, read: 1, write: 0, timeout: 2 },
  latencyP50Ms: 20,
  latencyP99Ms: 45,
  bodies: 2000,
  error: null,
};

/** A closed-loop cell that answered 12,000 requests in 10 s (1,200 req/s), cross-checked by wrk at 1,500. */
function closedCell(topology: string, crossCheck?: WrkCrossCheck): CellResult {
  const latency = { count: 12_000, p50: 25_000, p90: 30_000, p99: 50_000, p999: 60_000, max: 70_000, histogram: '' };
  const cell = cellResult({
    topology,
    load: { kind: 'closed', connections: 32 },
    loadResult: {
      kind: 'closed',
      result: {
        completed: 12_000,
        throughput: 1_200,
        statuses: { '201': 12_000 },
        errors: 0,
        errorsByKind: { timeout: 0, reset: 0, refused: 0, other: 0 },
        latency,
        autocannon: { completed: 13_000, errors: 0, timeouts: 0, non2xx: 0 },
        connections: 32,
        durationMs: 10_000,
        warmupMs: 1_000,
      } as never,
    },
  });
  return crossCheck ? { ...cell, crossCheck } : cell;
}

const texts = (cells: TableCell[]) =>
  cells.map((c) => (c.kind === 'text' ? c.text : c.kind === 'number' ? c.value : null));

describe('the cross-check table', () => {
  it("puts wrk's rate beside paybench's, with paybench's over wrk's", () => {
    const summaries = [
      summarizeCell(closedCell('monolith', wrk), 250),
      summarizeCell(closedCell('microservices'), 250),
    ];
    const table = crossCheckTable(summaries);
    expect(table?.rows.map((r) => texts(r.cells))).toEqual([
      ['monolith', 1, 'closed-32', 1_200, 1_500, 'x0.80', 25, 20, 50, 45, 6],
    ]);
    // In the cell table: a wrk row under the monolith's saturation row, none under the unchecked cell.
    const rows = cellTable(summaries, ['monolith', 'microservices']).rows.map((r) => texts(r.cells));
    expect(rows.map((r) => r[2])).toEqual(['saturation', 'wrk', 'saturation']);
    expect(rows[1]?.at(-1)).toBe('paybench/wrk x0.80');
    expect(rows[1]?.slice(3, 6)).toEqual([1_500, 20, 45]);
  });

  it('says when wrk failed, and is absent when no cell was cross-checked', () => {
    const failed = { ...wrk, requestsPerSecond: 0, error: 'wrk failed (exit 1): unable to connect' };
    const summary = summarizeCell(closedCell('monolith', failed), 250);
    expect(texts(crossCheckTable([summary])?.rows[0]?.cells ?? [])[5]).toBe('wrk failed');
    expect(summary.notes).toContain('wrk cross-check failed: wrk failed (exit 1): unable to connect');
    expect(crossCheckTable([summarizeCell(closedCell('monolith'), 250)])).toBeNull();
  });
});
