import type { Reconciliation } from '@paybench/bench-results';
import { runResult, steadyCell } from '@paybench/bench-results/testing';
import { describe, expect, it } from 'vitest';
import { runVerdicts } from '../summary/fault-verdicts.js';
import { summarizeRun } from '../summary/summarize-run.js';
import { cellTable } from '../tables/cell-table.js';

const clean: Reconciliation = {
  acknowledged: 900,
  lost: 0,
  duplicated: 0,
  unknown: 12,
  resolvedByRetry: 12,
  requests: 1000,
  orders: 905,
  retried: 12,
  examples: { lost: [], duplicated: [], unresolved: [] },
};

function run(reconciliations: (Reconciliation | undefined)[]) {
  const topologies = ['monolith', 'microservices'];
  const cells = reconciliations.map((reconciliation, i) => ({
    ...steadyCell({ topology: topologies[i], latencyMs: 5, cpuPerSecond: 0.2, rssBytes: 1e8 }),
    ...(reconciliation ? { reconciliation } : {}),
  }));
  const result = runResult(cells);
  return { result, ...summarizeRun(result), topologies };
}

describe('reconciliation in the tables and verdicts', () => {
  it('adds no column and no verdict to a run without reconciliation (older results)', () => {
    const { result, summaries, comparisons, topologies } = run([undefined, undefined]);
    expect(cellTable(summaries, topologies).columns.map((c) => c.title)).not.toContain('payments');
    expect(runVerdicts(result, summaries, comparisons).filter((v) => v.kind === 'payments')).toEqual([]);
  });

  it('shows ack/lost/dup unknown>resolved before the status, and says first that nothing was lost', () => {
    const { result, summaries, comparisons, topologies } = run([clean, undefined]);
    const table = cellTable(summaries, topologies);
    const column = table.columns.findIndex((c) => c.title === 'payments');
    expect(column).toBe(table.columns.length - 2);
    expect(table.rows[0]?.cells[column]).toEqual({ kind: 'mark', label: '900/0/0 12>12', bad: false, detail: null });
    const [first] = runVerdicts(result, summaries, comparisons);
    expect(first?.kind).toBe('payments');
    expect(JSON.stringify(first?.text)).toContain('No payment lost or doubled');
  });

  it('marks a cell that lost or doubled a payment bad, and leads the verdicts with it', () => {
    const { result, summaries, comparisons, topologies } = run([clean, { ...clean, lost: 2, duplicated: 1 }]);
    const table = cellTable(summaries, topologies);
    const column = table.columns.findIndex((c) => c.title === 'payments');
    const marks = table.rows.map((row) => row.cells[column]).filter((cell) => cell?.kind === 'mark');
    expect(marks).toContainEqual({ kind: 'mark', label: 'LOST 2 DUP 1: 900/2/1 12>12', bad: true, detail: null });
    const verdicts = runVerdicts(result, summaries, comparisons).filter((v) => v.kind === 'payments');
    expect(verdicts).toHaveLength(1);
    expect(JSON.stringify(verdicts[0]?.text)).toMatch(/PAYMENTS LOST OR DOUBLED.*microservices #1.*2 of 900/);
  });
});
