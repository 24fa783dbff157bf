import type { CellResult, CellSummary, RunResult, TopologyComparison } from '@paybench/bench-results';
import type { LoggingConfig } from '@paybench/bench-scenario';
import { capacityTable, cellTable, summarizeRun } from '@paybench/bench-analysis';
import { gitPhrase, plainText } from '../tables/git-phrase.js';
import { terminalTable } from '../tables/terminal-table.js';
import { cpuBreakdownText } from './cpu-breakdown.js';
import { ratioLines, verdictLines } from './comparison-lines.js';
import { MAX_LINE_WIDTH, wrap } from './text-table.js';

/** The cell table's column widths; the status column (last) gets whatever the others leave. */
const CAPACITY_TABLE_WIDTHS = [13, 14, 6, 3, 24, 0];
const CELL_TABLE_WIDTHS = [13, 3, 12, 6, 6, 6, 5, 6, 6, 6, 10, 7, 16, 0];

/**
 * The table printed at the end of a run: a header (run, Node, pinning), one block per (logging
 * configuration, load point) with a row per topology x repeat x phase, the ratios to the first
 * topology and one verdict line per fault phase and topology, every cell's problems and notes,
 * and how the figures were measured. Every cell is shown, invalid or failed ones marked.
 */
export function renderTerminalSummary(run: RunResult): string {
  const { summaries, comparisons } = summarizeRun(run);
  const lines = [...header(run, summaries), ''];
  for (const comparison of comparisons) {
    const position = (s: CellSummary) => comparison.topologies.findIndex((t) => t.topology === s.topology);
    const cells = summaries
      .filter((s) => s.logging === comparison.logging && s.load === comparison.load)
      .sort((a, b) => position(a) - position(b) || a.repeat - b.repeat);
    const source = run.cells.find((c) => c.key === cells[0]?.key);
    lines.push(
      blockTitle(comparison, source),
      ...terminalTable(
        cellTable(
          cells,
          comparison.topologies.map((t) => t.topology),
        ),
        { widths: CELL_TABLE_WIDTHS, maxWidth: MAX_LINE_WIDTH },
      ),
      ...capacityLines(
        cells,
        comparison.topologies.map((t) => t.topology),
      ),
      // A stepped block's ratio is its capacity's (above); the per-cell ratios have nothing to compare.
      ...(cells.some((c) => c.capacity) ? [] : ratioLines(comparison, cells, MAX_LINE_WIDTH)),
      ...verdictLines(comparison, cells, MAX_LINE_WIDTH),
    );
    lines.push(...cells.flatMap(cellDetails), '');
  }
  const breakdown = cpuBreakdownText(run);
  if (breakdown.length > 0) lines.push(...breakdown, '');
  lines.push(...footer());
  return lines.join('\n');
}

function header(run: RunResult, summaries: readonly CellSummary[]): string[] {
  const { environment: env, scenario } = run;
  const byStatus = ['ok', 'invalid', 'failed', 'interrupted']
    .map((status) => [status, summaries.filter((s) => s.status === status).length] as const)
    .filter(([, n]) => n > 0)
    .map(([status, n]) => `${n} ${status}`)
    .join(', ');
  const git = plainText(gitPhrase(env));
  return [
    `paybench run ${run.runId}: scenario ${scenario.name} (${run.scenarioFile}), ${run.complete ? 'complete' : `INCOMPLETE${run.interruption ? `: ${run.interruption}` : ''}`}`,
    `Node ${env.node} on ${env.platform} ${env.kernel}, ${env.cores} x ${env.cpuModel}, ${(env.memoryBytes / 2 ** 30).toFixed(1)} GiB; ${git}`,
    `pinning: ${env.pinning.note}`,
    `SLO p99 <= ${scenario.slo.p99Ms} ms; request timeout ${scenario.timeout} ms; window ${scenario.duration / 1000} s after ${scenario.warmup / 1000} s warm-up; ${scenario.repeat} repeat(s); ${summaries.length} cells: ${byStatus || 'none'}`,
  ];
}

function blockTitle(comparison: TopologyComparison, cell: CellResult | undefined): string {
  const logging = cell ? describeLogging(cell.logging) : comparison.logging;
  const load =
    cell?.load.kind === 'open'
      ? `open loop, ${cell.load.rate} req/s offered`
      : cell?.load.kind === 'steps'
        ? `open-loop steps from ${cell.load.start} req/s, x${cell.load.factor} every ${cell.load.step / 1000} s`
        : cell?.load.kind === 'closed'
          ? `closed loop, ${cell.load.connections} connections`
          : comparison.load;
  return `== logging ${logging} | load ${comparison.load} (${load}) ==`;
}

/** A stepped block's capacity table, under its cell table (nothing for other blocks). */
function capacityLines(cells: readonly CellSummary[], topologies: readonly string[]): string[] {
  const table = capacityTable(cells, topologies);
  if (!table) return [];
  return [
    '',
    'Capacity at the SLO:',
    ...terminalTable(table, { widths: CAPACITY_TABLE_WIDTHS, maxWidth: MAX_LINE_WIDTH }),
  ];
}

function describeLogging(logging: LoggingConfig): string {
  return `${logging.name} (logger ${logging.logger.mode}, driver ${logging.driver.mode}, forwarder ${logging.forwarder.whenFull})`;
}

/** Every problem of a cell that is not ok, and every note of any cell, wrapped, never cut. */
function cellDetails(cell: CellSummary): string[] {
  const label = `${cell.topology} #${cell.repeat}`;
  const lines: string[] = [];
  if (cell.status !== 'ok' || cell.problems.length > 0) {
    const status = cell.status === 'ok' ? 'ok' : cell.status.toUpperCase();
    lines.push(
      ...wrap(`  ${label} ${status}: ${cell.problems.join('; ') || 'no problem recorded'}`, MAX_LINE_WIDTH, '      '),
    );
  }
  if (cell.notes.length > 0)
    lines.push(...wrap(`  ${label} notes: ${cell.notes.join('; ')}`, MAX_LINE_WIDTH, '      '));
  return lines;
}

function footer(): string[] {
  return [
    "How measured: open loop at a fixed rate, latency from each request's intended start time (a stall counts in full); p50/p99/max from merged",
    '  HDR histograms (within 0.1%), never averaged. avail% = (2xx+422) / requests due; inSLO% also subtracts answers slower than the SLO (lower bound).',
    '  CPU ms/req = growth of process_cpu_seconds_total / 2xx answers; RSS = sum of per-process peaks. Closed loop (saturation): service time from send.',
  ];
}
