import type { CellResult, CellSummary, RunResult, TopologyComparison } from '@paybench/bench-results';
import type { LoadPoint, LoggingConfig } from '@paybench/bench-scenario';
import {
  blastRadius,
  blastSentences,
  capacityTable,
  cellRetryCounts,
  cellTable,
  floorLines,
  linkProxyCpuNote,
  metastabilityVerdicts,
  retryCountsText,
  summarizeRun,
} from '@paybench/bench-analysis';
import { gitPhrase, plainText } from '../tables/git-phrase.js';
import { terminalTable } from '../tables/terminal-table.js';
import { blastLines } from './blast-lines.js';
import { EXTERNAL_MEASUREMENT_NOTE, externalLines } from './external-lines.js';
import { cpuBreakdownText } from './cpu-breakdown.js';
import { ratioLines, verdictLines } from './comparison-lines.js';
import { MAX_LINE_WIDTH, wrap } from './text-table.js';

/** The cell table's column widths; the status column (last) gets whatever the others leave. */
const CAPACITY_TABLE_WIDTHS = [13, 14, 6, 3, 24, 0];
const CELL_TABLE_WIDTHS = [13, 3, 12, 6, 6, 6, 5, 6, 6, 6, 10, 7, 16, 0];
/** The payments column's width, before the status, when the table has one (reconciled cells). */
const PAYMENTS_WIDTH = 18;

/**
 * The table printed at the end of a run: a header (run, Node, pinning), one block per (logging
 * configuration, load point) with a row per topology x repeat x phase, the ratios to the first
 * topology, one verdict line per fault phase and topology, the blast-radius sentence of each fault, every cell's
 * problems and notes,
 * and how the figures were measured. Every cell is shown, invalid or failed ones marked.
 */
export function renderTerminalSummary(run: RunResult): string {
  const { summaries, comparisons } = summarizeRun(run);
  const lines = [...header(run, summaries), ''];
  const blast = blastSentences(run, blastRadius(run, summaries));
  for (const comparison of comparisons) {
    const position = (s: CellSummary) => comparison.topologies.findIndex((t) => t.topology === s.topology);
    const cells = summaries
      .filter((s) => s.logging === comparison.logging && s.load === comparison.load)
      .sort((a, b) => position(a) - position(b) || a.repeat - b.repeat);
    const source = run.cells.find((c) => c.key === cells[0]?.key);
    const table = cellTable(
      cells,
      comparison.topologies.map((t) => t.topology),
    );
    const widths =
      table.columns.length > CELL_TABLE_WIDTHS.length
        ? [...CELL_TABLE_WIDTHS.slice(0, -1), PAYMENTS_WIDTH, 0]
        : CELL_TABLE_WIDTHS;
    lines.push(
      blockTitle(comparison, source),
      ...terminalTable(table, { widths, maxWidth: MAX_LINE_WIDTH }),
      ...capacityLines(
        cells,
        comparison.topologies.map((t) => t.topology),
      ),
      // A stepped block's ratio is its capacity's (above); the per-cell ratios have nothing to compare.
      ...(cells.some((c) => c.capacity) ? [] : ratioLines(comparison, cells, MAX_LINE_WIDTH)),
      ...verdictLines(comparison, cells, MAX_LINE_WIDTH),
      ...blastLines(
        blast.filter((b) => b.logging === comparison.logging && b.load === comparison.load),
        MAX_LINE_WIDTH,
      ),
    );
    lines.push(...cells.flatMap(cellDetails), ...policyLines(run, cells), '');
  }
  lines.push(...metastabilityLines(run));
  const breakdown = cpuBreakdownText(run);
  if (breakdown.length > 0) lines.push(...breakdown, '');
  lines.push(...footer());
  const proxies = linkProxyCpuNote(run);
  if (proxies) lines.push(...wrap(`  ${proxies}`, MAX_LINE_WIDTH, '  '));
  if (run.external) lines.push(...wrap(`  ${EXTERNAL_MEASUREMENT_NOTE}`, MAX_LINE_WIDTH, '  '));
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
    ...floorLines(run, summaries).flatMap((line) => wrap(line, MAX_LINE_WIDTH, '  ')),
    ...externalLines(run).flatMap((line) => wrap(line, MAX_LINE_WIDTH, '  ')),
    `SLO p99 <= ${scenario.slo.p99Ms} ms; request timeout ${scenario.timeout} ms; window ${scenario.duration / 1000} s after ${scenario.warmup / 1000} s warm-up; ${scenario.repeat} repeat(s); ${summaries.length} cells: ${byStatus || 'none'}`,
  ];
}

function blockTitle(comparison: TopologyComparison, cell: CellResult | undefined): string {
  const logging = cell ? describeLogging(cell.logging) : comparison.logging;
  const load =
    cell?.load.kind === 'open'
      ? `open loop, ${cell.load.rate} req/s offered${retryingClient(cell.load)}`
      : cell?.load.kind === 'steps'
        ? `open-loop steps from ${cell.load.start} req/s, x${cell.load.factor} every ${cell.load.step / 1000} s`
        : cell?.load.kind === 'closed'
          ? `closed loop, ${cell.load.connections} connections`
          : comparison.load;
  const preset = cell?.resilience ? ` | resilience ${cell.resilience.preset}` : '';
  return `== logging ${logging}${preset} | load ${comparison.load} (${load}) ==`;
}

/** `, retrying client: up to 3 retries, backoff 50 ms, budget 0.1` (nothing for a client that does not retry). */
function retryingClient(load: Extract<LoadPoint, { kind: 'open' }>): string {
  const retries = load.clientRetries;
  if (!retries) return '';
  const budget = retries.budget === undefined ? 'no budget' : `budget ${retries.budget} per request`;
  return `, retrying client: up to ${retries.max} retries, backoff ${retries.backoffMs} ms, ${budget}; latency from a client request's first intended start to its final answer`;
}

/** After a load pulse, per cell: did goodput come back (see bench/analysis metastability.ts)? */
function metastabilityLines(run: RunResult): string[] {
  const verdicts = metastabilityVerdicts(run);
  if (verdicts.length === 0) return [];
  return [
    'Metastability (goodput = 2xx within the SLO per second; back = within 5% of its pre-trigger level for 3 s):',
    ...verdicts.flatMap((v) => wrap(`  ${plainText(v.text)}`, MAX_LINE_WIDTH, '      ')),
    '',
  ];
}

function describeLogging(logging: LoggingConfig): string {
  const forwarder = logging.forwarder.kind === 'syslog-ng' ? 'syslog-ng ' : '';
  return `${logging.name} (logger ${logging.logger.mode}, driver ${logging.driver.mode}, forwarder ${forwarder}${logging.forwarder.whenFull})`;
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

/**
 * What the resilience policies and the retrying client did in each cell of the block, when they did anything (see
 * result.json's `resilience` and the classes' `retries`, `retriesOverBudget`).
 */
function policyLines(run: RunResult, cells: readonly CellSummary[]): string[] {
  const lines: string[] = [];
  for (const summary of cells) {
    const cell = run.cells.find((c) => c.key === summary.key && c.repeat === summary.repeat);
    if (!cell) continue;
    const counts = cellRetryCounts(cell);
    const text = retryCountsText(counts);
    if (text === null) continue;
    const label = `${summary.topology} #${summary.repeat}${counts.preset ? ` ${counts.preset}` : ''}`;
    lines.push(...wrap(`  ${label} ${text}`, MAX_LINE_WIDTH, '      '));
  }
  return lines;
}

function footer(): string[] {
  return [
    "How measured: open loop at a fixed rate, latency from each request's intended start time (a stall counts in full); p50/p99/max from merged",
    '  HDR histograms (within 0.1%), never averaged. avail% = (2xx+422) / requests due; inSLO% also subtracts answers slower than the SLO (lower bound).',
    "  CPU ms/req = growth of every process's CPU time (less the harness's readings, when measured) / 2xx answers; RSS = sum of per-process peaks.",
    "  Closed loop (saturation): service time from send; with --cross-check, wrk's figures below it and paybench/wrk.",
  ];
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
