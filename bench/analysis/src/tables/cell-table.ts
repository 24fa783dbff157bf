import type {
  CellSummary,
  CrossCheckFigures,
  LogLineFigures,
  PhaseSummary,
  Reconciliation,
} from '@paybench/bench-results';
import { reconciliationFailed } from '../reconciliation/reconcile.js';
import { lostSuffix } from '../summary/log-lines.js';
import { empty, num, text, type TableCell, type TableColumn, type TableModel } from './table-model.js';

const COLUMNS: TableColumn[] = [
  { title: 'topology', align: 'left' },
  { title: 'repeat', short: 'rep', align: 'right' },
  { title: 'phase', align: 'left' },
  { title: 'req/s', align: 'right' },
  { title: 'p50', unit: 'ms', align: 'right' },
  { title: 'p99', unit: 'ms', align: 'right' },
  { title: 'max', unit: 'ms', align: 'right' },
  { title: 'answered', unit: '%', short: 'avail%', align: 'right' },
  { title: 'within SLO', unit: '%', short: 'inSLO%', align: 'right' },
  { title: 'CPU', unit: 'ms/req', align: 'right' },
  { title: 'RSS', unit: 'MiB', align: 'right' },
  { title: 'log lines dropped', unit: 'l/d/f', short: 'log drops l/d/f', align: 'left' },
  { title: 'status', align: 'left' },
];

/**
 * Shown before the status when a cell of the table was reconciled (older results have none, and keep their
 * table): acknowledged / lost / duplicated, then unknown > resolved by retry (see Reconciliation).
 */
const PAYMENTS_COLUMN: TableColumn = {
  title: 'payments',
  unit: 'ack/lost/dup unknown>resolved',
  short: 'ack/L/D ?>ok',
  align: 'left',
};

/**
 * The cell table of one (logging, load) block: per cell (in `topologies` order, then by repeat)
 * one row per phase and, with several phases, one for the whole window; a closed-loop cell has one
 * row ('saturation'), a cell with no load result one row of unknowns. Cell-wide columns (log
 * lines, status) are filled on the first row of the cell only.
 */
export function cellTable(cells: readonly CellSummary[], topologies: readonly string[]): TableModel {
  const position = (s: CellSummary) => topologies.indexOf(s.topology);
  const sorted = [...cells].sort((a, b) => position(a) - position(b) || a.repeat - b.repeat);
  if (!cells.some((cell) => cell.reconciliation)) {
    return { columns: COLUMNS, rows: sorted.flatMap(cellRows).map((cells) => ({ cells })), notes: [] };
  }
  // The payments column goes before the status (the last column, which takes whatever room is left); cell-wide,
  // it is filled on the cell's first row only.
  const withPayments = <T>(list: readonly T[], value: T) => [...list.slice(0, -1), value, ...list.slice(-1)];
  const rows = sorted.flatMap((cell) =>
    cellRows(cell).map((cells, i) => ({
      cells: withPayments(cells, i === 0 ? paymentsMark(cell.reconciliation) : empty),
    })),
  );
  return { columns: withPayments(COLUMNS, PAYMENTS_COLUMN), rows, notes: [] };
}

/** ack/lost/dup unknown>resolved; a cell that lost or doubled a payment is marked bad, in capitals, counts first. */
export function paymentsMark(r: Reconciliation | undefined): TableCell {
  if (!r) return text('-');
  const figures = `${r.acknowledged}/${r.lost}/${r.duplicated} ${r.unknown}>${r.resolvedByRetry}`;
  if (!reconciliationFailed(r)) return { kind: 'mark', label: figures, bad: false, detail: null };
  return { kind: 'mark', label: `LOST ${r.lost} DUP ${r.duplicated}: ${figures}`, bad: true, detail: null };
}

function cellRows(cell: CellSummary): TableCell[][] {
  const first = [text(cell.topology), num(cell.repeat, 'count')];
  const cellWide = [logDrops(cell.logLines), statusMark(cell)];
  const traffic = cell.traffic;
  const unknown = (n: number) => Array.from({ length: n }, () => num(null, 'ms'));
  if (traffic === null) return [[...first, text('-'), ...unknown(8), ...cellWide]];
  if (traffic.kind === 'closed') {
    const { latency, resources } = traffic;
    return [
      [
        ...first,
        text('saturation'),
        num(traffic.throughputPerSecond, 'rate'),
        num(latency.p50Ms, 'ms'),
        num(latency.p99Ms, 'ms'),
        num(latency.maxMs, 'ms'),
        num(null, 'percent'),
        num(null, 'percent'),
        num(resources.cpuMsPerSuccess, 'ms'),
        num(resources.peakRssBytes, 'mib'),
        ...cellWide,
      ],
      ...(traffic.crossCheck ? [crossCheckRow(traffic.crossCheck)] : []),
    ];
  }
  const phases = traffic.phases.length > 1 ? [...traffic.phases, traffic.overall] : traffic.phases;
  return phases.map((phase, i) => [
    ...(i === 0 ? first : [empty, empty]),
    ...phaseCells(phase),
    ...(i === 0 ? cellWide : [empty, empty]),
  ]);
}

/** `run --cross-check`: wrk's figures under paybench's saturation row; its status column: paybench's rate over wrk's. */
function crossCheckRow(check: CrossCheckFigures): TableCell[] {
  return [
    empty,
    empty,
    text('wrk'),
    num(check.requestsPerSecond, 'rate'),
    num(check.p50Ms, 'ms'),
    num(check.p99Ms, 'ms'),
    ...Array.from({ length: 5 }, () => num(null, 'ms')),
    empty,
    text(check.ratio === null ? 'wrk failed' : `paybench/wrk x${check.ratio.toFixed(2)}`),
  ];
}

function phaseCells(phase: PhaseSummary): TableCell[] {
  const { traffic, resources } = phase;
  return [
    text(phase.name),
    num(traffic.answeredPerSecond, 'rate'),
    num(traffic.latency.p50Ms, 'ms'),
    num(traffic.latency.p99Ms, 'ms'),
    num(traffic.latency.maxMs, 'ms'),
    num(traffic.availability, 'percent'),
    num(traffic.withinSlo.availability, 'percent'),
    num(resources.cpuMsPerSuccess, 'ms'),
    num(resources.peakRssBytes, 'mib'),
  ];
}

/** Dropped by the logger / the driver / the forwarder ('?' when unknown), and lines lost apart. */
function logDrops(lines: LogLineFigures | null): TableCell {
  if (lines === null) return text('-');
  return text(
    `${lines.droppedByLogger ?? '?'}/${lines.droppedByDriver}/${lines.droppedByForwarder ?? '?'}${lostSuffix(lines)}`,
  );
}

/** ok, or the status in capitals with the first problem (every problem is listed under the table). */
function statusMark(cell: CellSummary): TableCell {
  if (cell.status === 'ok') return { kind: 'mark', label: 'ok', bad: false, detail: null };
  return {
    kind: 'mark',
    label: cell.status.toUpperCase(),
    bad: true,
    detail: cell.problems[0] ?? 'no reason recorded',
  };
}
