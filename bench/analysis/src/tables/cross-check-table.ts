import type { CellSummary, ClosedLoopSummary } from '@paybench/bench-results';
import { num, text, type TableColumn, type TableModel } from './table-model.js';

const COLUMNS: TableColumn[] = [
  { title: 'topology', align: 'left' },
  { title: 'repeat', short: 'rep', align: 'right' },
  { title: 'load', align: 'left' },
  { title: 'paybench', unit: 'req/s', align: 'right' },
  { title: 'wrk', unit: 'req/s', align: 'right' },
  { title: 'paybench / wrk', short: 'pb/wrk', align: 'right' },
  { title: 'paybench p50', unit: 'ms', align: 'right' },
  { title: 'wrk p50', unit: 'ms', align: 'right' },
  { title: 'paybench p99', unit: 'ms', align: 'right' },
  { title: 'wrk p99', unit: 'ms', align: 'right' },
  { title: 'wrk failures', align: 'right' },
];

/**
 * `run --cross-check`: every closed-loop cell that wrk measured too, paybench's figures beside wrk's
 * and paybench's rate over wrk's (1 means they agree); null when no cell was cross-checked.
 */
export function crossCheckTable(cells: readonly CellSummary[]): TableModel | null {
  const checked = cells.filter(
    (c): c is CellSummary & { traffic: ClosedLoopSummary } =>
      c.traffic?.kind === 'closed' && c.traffic.crossCheck !== undefined,
  );
  if (checked.length === 0) return null;
  const rows = checked.map(({ topology, repeat, load, traffic }) => {
    const check = traffic.crossCheck as NonNullable<ClosedLoopSummary['crossCheck']>;
    return {
      cells: [
        text(topology),
        num(repeat, 'count'),
        text(load),
        num(traffic.throughputPerSecond, 'rate'),
        num(check.requestsPerSecond, 'rate'),
        check.ratio === null ? text('wrk failed') : text(`x${check.ratio.toFixed(2)}`),
        num(traffic.latency.p50Ms, 'ms'),
        num(check.p50Ms, 'ms'),
        num(traffic.latency.p99Ms, 'ms'),
        num(check.p99Ms, 'ms'),
        num(check.failures, 'count'),
      ],
    };
  });
  return {
    columns: COLUMNS,
    rows,
    notes: [
      "wrk ran right after paybench's closed loop against the same deployment, with the same connections, pinning, " +
        'duration and checkout bodies (each with a fresh idempotency key); req/s counts answers of any status in both',
    ],
  };
}
