import { describe, expect, it } from 'vitest';
import type { CellResult } from '@paybench/bench-results';
import { incidentCell, INCIDENT_PHASES, steadyCell } from '@paybench/bench-results/testing';
import { summarizeCell } from '../summary/summarize-cell.js';
import { cellTable } from './cell-table.js';

/** A steady cell whose generator was `lagP99Ms` late at p99. */
function withLag(cell: CellResult, lagP99Ms: number): CellResult {
  if (cell.loadResult?.kind !== 'open') throw new Error('open-loop cell expected');
  const scheduleLag = { count: 1000, p50: 100, p99: lagP99Ms * 1000, max: lagP99Ms * 1000 };
  return { ...cell, loadResult: { kind: 'open', result: { ...cell.loadResult.result, scheduleLag } } };
}

const lagColumn = (table: ReturnType<typeof cellTable>) => table.columns.findIndex((c) => c.title === 'lag p99');

describe('cellTable', () => {
  it('puts the generator lag p99 right after the p99', () => {
    const table = cellTable(
      [summarizeCell(withLag(steadyCell({ latencyMs: 20, cpuPerSecond: 0.1, rssBytes: 1 }), 1.5), 250)],
      ['monolith'],
    );
    const p99 = table.columns.findIndex((c) => c.title === 'p99');
    expect(lagColumn(table)).toBe(p99 + 1);
    expect(table.rows[0].cells[lagColumn(table)]).toEqual({ kind: 'number', value: 1.5, format: 'ms' });
    expect(table.notes).toEqual([]);
  });

  it('shows the whole-window lag on the whole-window row of a cell with phases, not on each phase', () => {
    const cell = withLag(incidentCell({ topology: 'monolith' }), 1.2);
    const table = cellTable([summarizeCell(cell, 250)], ['monolith']);
    const column = lagColumn(table);
    expect(table.rows).toHaveLength(INCIDENT_PHASES.length + 1);
    expect(table.rows.slice(0, -1).map((r) => r.cells[column].kind)).toEqual(INCIDENT_PHASES.map(() => 'empty'));
    expect(table.rows.at(-1)?.cells[column]).toEqual({ kind: 'number', value: 1.2, format: 'ms' });
  });

  it('keeps a stored ok status under a later rule, and says where the rule would disagree', () => {
    const late = withLag(steadyCell({ topology: 'microservices', latencyMs: 15, cpuPerSecond: 0.1, rssBytes: 1 }), 4);
    const table = cellTable([summarizeCell(late, 250)], ['microservices']);
    expect(table.rows[0].cells.at(-1)).toMatchObject({ kind: 'mark', label: 'ok' });
    expect(table.notes).toEqual([
      "microservices: lag p99 4.0 ms exceeds today's limit of 2.0 ms (slowest class p99 15.0 ms); " +
        'recorded ok under an earlier rule, it keeps that status',
    ]);
  });
});
