import type { CellResult, CellSummary } from '@paybench/bench-results';
import { loadLabel } from '@paybench/bench-scenario';
import { capacityCurve } from '../capacity/capacity-curve.js';
import { summarizeClosedLoop } from './closed-loop-summary.js';
import { harnessNote } from './harness-accounting.js';
import { logLineFigures } from './log-lines.js';
import { summarizeOpenLoop } from './open-loop-summary.js';
import { cellConfiguration } from './scenario-axes.js';

/**
 * Summarizes one cell against the SLO. `requestTimeoutMs` (the scenario's timeout) lets
 * availability within the SLO count a timeout once instead of twice (see WithinSlo); without it
 * the figure is a looser lower bound and a note says so.
 */
export function summarizeCell(
  cell: CellResult,
  sloP99Ms: number,
  options: { requestTimeoutMs?: number } = {},
): CellSummary {
  // What the run recorded first (a link fault that does not apply here), then what the figures say.
  const notes: string[] = [...(cell.notes ?? [])];
  const processNames = cell.processes.map((p) => p.name);
  let traffic: CellSummary['traffic'] = null;
  let capacity: CellSummary['capacity'];
  if (cell.loadResult?.kind === 'open') {
    const requestTimeoutMs = options.requestTimeoutMs ?? null;
    if (requestTimeoutMs === null)
      notes.push(
        'request timeout unknown: availability within the SLO counts a timeout as both an error and a slow answer (a looser lower bound)',
      );
    traffic = summarizeOpenLoop(
      cell.loadResult.result,
      cell.phases,
      cell.samples,
      processNames,
      {
        sloP99Ms,
        requestTimeoutMs,
      },
      cell.harness,
    );
    notes.push(
      ...traffic.notes,
      ...traffic.phases.flatMap((p) => p.resources.notes),
      ...traffic.overall.resources.notes,
    );
    if (cell.status === 'ok' && traffic.generator.limited)
      notes.push('the load generator could not keep its schedule, yet the cell is marked ok');
    if (cell.status === 'ok' && traffic.generator.aborted)
      notes.push('the load was stopped early, yet the cell is marked ok');
  } else if (cell.loadResult?.kind === 'closed') {
    traffic = summarizeClosedLoop(cell.loadResult.result, cell.samples, processNames, cell.harness, cell.crossCheck);
    notes.push(...traffic.resources.notes);
    if (traffic.crossCheck?.error) notes.push(`wrk cross-check failed: ${traffic.crossCheck.error}`);
    if (cell.phases.length > 1)
      notes.push(
        `closed loop has no per-second data: its ${cell.phases.length} phases cannot be told apart, every figure covers the whole window`,
      );
  } else if (cell.loadResult?.kind === 'steps') {
    capacity = capacityCurve(cell.loadResult.result);
    const late = capacity.points.filter((p) => !p.lagValid).map((p) => p.offeredRate);
    if (late.length > 0)
      notes.push(
        `the load generator fell behind at ${late.join(', ')} req/s: those steps do not count toward capacity`,
      );
  } else {
    notes.push('no load result: nothing was measured');
  }
  const whole = traffic === null ? null : traffic.kind === 'open' ? traffic.overall.resources : traffic.resources;
  const harness = whole ? harnessNote(cell.harness, whole) : null;
  if (harness) notes.push(harness);
  return {
    key: cell.key,
    topology: cell.topology,
    logging: cellConfiguration(cell),
    load: loadLabel(cell.load),
    repeat: cell.repeat,
    status: cell.status,
    valid: cell.status === 'ok',
    problems: [...cell.problems],
    notes: [...new Set(notes)],
    sloP99Ms,
    traffic,
    logLines: logLineFigures(cell.logAccounting),
    ...(cell.reconciliation ? { reconciliation: cell.reconciliation } : {}),
    ...(capacity && { capacity }),
  };
}
