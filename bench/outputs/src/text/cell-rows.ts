import type { CellSummary, LogLineFigures, PhaseSummary } from '@paybench/bench-results';
import { formatMiB, formatMs, formatPercent, formatRate, lostSuffix } from '@paybench/bench-analysis';
import { fixedWidth, renderHeader, renderRow, type Column } from './text-table.js';

/** Lines are kept under this width; the status column gets whatever the others leave. */
export const MAX_LINE_WIDTH = 150;

const COLUMNS: Column[] = [
  { title: 'topology', width: 13, align: 'left' },
  { title: 'rep', width: 3, align: 'right' },
  { title: 'phase', width: 12, align: 'left' },
  { title: 'req/s', width: 7, align: 'right' },
  { title: 'p50 ms', width: 6, align: 'right' },
  { title: 'p99 ms', width: 6, align: 'right' },
  { title: 'max ms', width: 6, align: 'right' },
  { title: 'avail%', width: 6, align: 'right' },
  { title: 'inSLO%', width: 6, align: 'right' },
  { title: 'CPU ms/req', width: 10, align: 'right' },
  { title: 'RSS MiB', width: 7, align: 'right' },
  { title: 'log drops l/d/f', width: 18, align: 'left' },
  { title: 'status', width: 0, align: 'left' },
];

const STATUS_WIDTH = MAX_LINE_WIDTH - fixedWidth(COLUMNS);

export function cellTableHeader(): string {
  return renderHeader(COLUMNS);
}

/**
 * The rows of one cell: one per phase and, with several phases, one for the whole window; a
 * closed-loop cell has one row ('saturation'), a cell with no load result one row of dashes.
 * Cell-wide columns (log lines, status) are filled on the first row only.
 */
export function cellRows(cell: CellSummary): string[] {
  const first = [cell.topology, String(cell.repeat)];
  const cellWide = [logDrops(cell.logLines), statusText(cell)];
  const traffic = cell.traffic;
  if (traffic === null)
    return [renderRow(COLUMNS, [...first, '-', '-', '-', '-', '-', '-', '-', '-', '-', ...cellWide])];
  if (traffic.kind === 'closed') {
    const { latency, resources } = traffic;
    return [
      renderRow(COLUMNS, [
        ...first,
        'saturation',
        formatRate(traffic.throughputPerSecond),
        formatMs(latency.p50Ms),
        formatMs(latency.p99Ms),
        formatMs(latency.maxMs),
        '-',
        '-',
        formatMs(resources.cpuMsPerSuccess),
        formatMiB(resources.peakRssBytes),
        ...cellWide,
      ]),
    ];
  }
  const phases = traffic.phases.length > 1 ? [...traffic.phases, traffic.overall] : traffic.phases;
  return phases.map((phase, i) =>
    renderRow(COLUMNS, [...(i === 0 ? first : ['', '']), ...phaseCells(phase), ...(i === 0 ? cellWide : ['', ''])]),
  );
}

function phaseCells(phase: PhaseSummary): string[] {
  const { traffic, resources } = phase;
  return [
    phase.name,
    formatRate(traffic.answeredPerSecond),
    formatMs(traffic.latency.p50Ms),
    formatMs(traffic.latency.p99Ms),
    formatMs(traffic.latency.maxMs),
    formatPercent(traffic.availability),
    formatPercent(traffic.withinSlo.availability),
    formatMs(resources.cpuMsPerSuccess),
    formatMiB(resources.peakRssBytes),
  ];
}

function logDrops(lines: LogLineFigures | null): string {
  if (lines === null) return '-';
  return `${lines.droppedByLogger ?? '?'}/${lines.droppedByDriver}/${lines.droppedByForwarder ?? '?'}${lostSuffix(lines)}`;
}

/** ok, or the status in capitals with the first problem (every problem is listed under the block). */
export function statusText(cell: CellSummary): string {
  if (cell.status === 'ok') return 'ok';
  const text = `${cell.status.toUpperCase()}: ${cell.problems[0] ?? 'no reason recorded'}`;
  return text.length > STATUS_WIDTH ? `${text.slice(0, STATUS_WIDTH - 1)}~` : text;
}
