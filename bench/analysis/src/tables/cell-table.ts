import type {
  CapacityPoint,
  CellSummary,
  CrossCheckFigures,
  LogLineFigures,
  PhaseSummary,
  Reconciliation,
} from '@paybench/bench-results';
import { reconciliationFailed } from '../reconciliation/reconcile.js';
import { formatRate } from '../summary/format-units.js';
import { lostSuffix } from '../summary/log-lines.js';
import { judgeGeneratorLag } from '../validity/generator-lag-rule.js';
import { empty, num, text, type TableCell, type TableColumn, type TableModel } from './table-model.js';

const COLUMNS: TableColumn[] = [
  { title: 'topology', align: 'left' },
  { title: 'repeat', short: 'rep', align: 'right' },
  { title: 'phase', align: 'left' },
  { title: 'req/s', align: 'right' },
  { title: 'p50', unit: 'ms', align: 'right' },
  { title: 'p99', unit: 'ms', align: 'right' },
  // The generator's own lateness, inside every latency: beside the p99 it may spoil (see judgeGeneratorLag).
  { title: 'lag p99', unit: 'ms', short: 'lag99', align: 'right' },
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
    return { columns: COLUMNS, rows: sorted.flatMap(cellRows).map((cells) => ({ cells })), notes: lagNotes(sorted) };
  }
  // The payments column goes before the status (the last column, which takes whatever room is left); cell-wide,
  // it is filled on the cell's first row only.
  const withPayments = <T>(list: readonly T[], value: T) => [...list.slice(0, -1), value, ...list.slice(-1)];
  const rows = sorted.flatMap((cell) =>
    cellRows(cell).map((cells, i) => ({
      cells: withPayments(cells, i === 0 ? paymentsMark(cell.reconciliation) : empty),
    })),
  );
  return { columns: withPayments(COLUMNS, PAYMENTS_COLUMN), rows, notes: lagNotes(sorted) };
}

/** ack/lost/dup unknown>resolved; a cell that lost or doubled a payment is marked bad, in capitals, counts first. */
export function paymentsMark(r: Reconciliation | undefined): TableCell {
  if (!r) return text('-');
  const figures = `${r.acknowledged}/${r.lost}/${r.duplicated} ${r.unknown}>${r.resolvedByRetry}`;
  if (!reconciliationFailed(r)) return { kind: 'mark', label: figures, bad: false, detail: null };
  return { kind: 'mark', label: `LOST ${r.lost} DUP ${r.duplicated}: ${figures}`, bad: true, detail: null };
}

/**
 * A cell keeps the status it was recorded with: a result measured under an earlier, looser lag rule
 * is not re-judged (its baseline and checks were made from that status), but the table says where
 * today's rule would disagree.
 */
function lagNotes(cells: readonly CellSummary[]): string[] {
  return cells.flatMap((cell) => {
    if (cell.status !== 'ok' || cell.traffic?.kind !== 'open') return [];
    const lag = cell.traffic.generator.scheduleLagP99Ms;
    const p99 = Math.max(0, ...Object.values(cell.traffic.overall.classes).map((c) => c.latency.p99Ms ?? 0));
    const verdict = judgeGeneratorLag(lag, p99);
    if (!verdict.exceeded) return [];
    const repeat = cell.repeat > 1 ? ` #${cell.repeat}` : '';
    return [
      `${cell.topology}${repeat}: lag p99 ${lag.toFixed(1)} ms exceeds today's limit of ${verdict.limitMs.toFixed(1)} ms ` +
        `(slowest class p99 ${p99.toFixed(1)} ms); recorded ok under an earlier rule, it keeps that status`,
    ];
  });
}

function cellRows(cell: CellSummary): TableCell[][] {
  const first = [text(cell.topology), num(cell.repeat, 'count')];
  const cellWide = [logDrops(cell.logLines), statusMark(cell)];
  const traffic = cell.traffic;
  const unknown = (n: number) => Array.from({ length: n }, () => num(null, 'ms'));
  if (cell.capacity && cell.capacity.points.length > 0) {
    return cell.capacity.points.map((point, i) => [
      ...(i === 0 ? first : [empty, empty]),
      ...stepCells(point),
      ...(i === 0 ? cellWide : [empty, empty]),
    ]);
  }
  if (traffic === null) return [[...first, text('-'), ...unknown(9), ...cellWide]];
  if (traffic.kind === 'closed') {
    const { latency, resources } = traffic;
    return [
      [
        ...first,
        text('saturation'),
        num(traffic.throughputPerSecond, 'rate'),
        num(latency.p50Ms, 'ms'),
        num(latency.p99Ms, 'ms'),
        // A closed loop has no schedule to be late for.
        num(null, 'ms'),
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
  // The generator measures its lag over the whole window: it goes on the whole-window row (the last).
  const lagP99Ms = traffic.generator.scheduleLagP99Ms;
  return phases.map((phase, i) => [
    ...(i === 0 ? first : [empty, empty]),
    ...phaseCells(phase, i === phases.length - 1 ? lagP99Ms : null),
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
    // lag, max, answered, within SLO, CPU, RSS: wrk measures none of them.
    ...Array.from({ length: 6 }, () => num(null, 'ms')),
    empty,
    text(check.ratio === null ? 'wrk failed' : `paybench/wrk x${check.ratio.toFixed(2)}`),
  ];
}

function phaseCells(phase: PhaseSummary, lagP99Ms: number | null): TableCell[] {
  const { traffic, resources } = phase;
  return [
    text(phase.name),
    num(traffic.answeredPerSecond, 'rate'),
    num(traffic.latency.p50Ms, 'ms'),
    num(traffic.latency.p99Ms, 'ms'),
    lagP99Ms === null ? empty : num(lagP99Ms, 'ms'),
    num(traffic.latency.maxMs, 'ms'),
    num(traffic.availability, 'percent'),
    num(traffic.withinSlo.availability, 'percent'),
    num(resources.cpuMsPerSuccess, 'ms'),
    num(resources.peakRssBytes, 'mib'),
  ];
}

/**
 * A step of a stepped cell: its offered rate as the phase (marked `>SLO` beyond the SLO, else `late`
 * when the generator fell behind: either way it does not count), then what was served; CPU and
 * memory are not split by step.
 */
function stepCells(point: CapacityPoint): TableCell[] {
  const marks = !point.withinSlo ? ' >SLO' : point.lagValid ? '' : ' late';
  return [
    text(`${formatRate(point.offeredRate)}/s${marks}`),
    num(point.achievedRate, 'rate'),
    num(point.p50Ms, 'ms'),
    num(point.p99Ms, 'ms'),
    num(point.lagP99Ms, 'ms'),
    num(null, 'ms'),
    num(point.availability, 'percent'),
    num(null, 'percent'),
    num(null, 'ms'),
    num(null, 'mib'),
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
