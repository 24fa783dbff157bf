import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TOPOLOGIES_FILE } from '@paybench/payments-dataset';
import type { RunningTopology } from '@paybench/platform-runtime';
import { loadTopology, loadTopologyCatalog, type TopologySpec } from '@paybench/platform-topology';
import type { CellResult } from '@paybench/bench-results';
import type { CellContext } from './cell-context.js';
import { errorProblem } from './cell-problems.js';
import { CellRecorder } from './cell-recorder.js';
import { crossCheckCell } from './cross-check.js';
import { connectTarget } from './external-target.js';
import { scenarioLinks } from './scenario-links.js';
import { noteExternal } from './external-notes.js';
import { measureCell } from './measure-cell.js';
import { reconcileCell } from './reconcile-cell.js';
import { settleCell } from './settle-cell.js';
import { planTraffic, startCell } from './start-cell.js';
import { stopCell } from './stop-cell.js';

export type { CellContext, CellProfiling } from './cell-context.js';

/**
 * Runs one cell: starts the topology with the cell's logging configuration, creates orders for
 * the order-status class, runs the load (warm-up, then the measured window) while the fault
 * timeline changes the forwarder and a sampler scrapes every process once a second, then lifts
 * the faults, waits for the log pipeline to drain, reads the accounting, reconciles the payments
 * (retrying the checkouts whose outcome was unknown) and stops everything.
 * Whatever happens, the processes are stopped and a result (maybe failed) is returned.
 */
export async function runCell(ctx: CellContext): Promise<CellResult> {
  const recorder = new CellRecorder();
  const dataDir = mkdtempSync(join(tmpdir(), 'paybench-cell-'));
  mkdirSync(ctx.logDir, { recursive: true });
  // On an external target the processes are the target's: nothing of ours starts.
  const { target } = ctx;
  const spec = target ? undefined : loadTopology(ctx.cell.topology, loadTopologyCatalog(TOPOLOGIES_FILE));
  const processes = target?.targets.processes ?? spec?.processes ?? [];
  let running: RunningTopology | undefined;
  try {
    if (target) {
      noteExternal(target, recorder);
      running = connectTarget(target, scenarioLinks(ctx.scenario));
      for (const note of running.linkNotes()) recorder.note(note);
    } else running = await startCell(ctx, spec as TopologySpec, dataDir, recorder);
    const plan = await planTraffic(ctx, running.topology.entry.url, recorder);
    const ledgers = await measureCell(ctx, running, plan, recorder);
    if (ctx.crossCheck) await crossCheckCell(ctx, running, plan, recorder);
    await settleCell(ctx, running, recorder);
    // Interrupted: stop at once, leave the payments unreconciled.
    if (!ctx.signal.aborted) await reconcileCell(ctx, running, plan, ledgers, recorder);
  } catch (error) {
    // Before the load ended this leaves the cell failed (see cellStatus), reported once everything is stopped.
    recorder.problem(errorProblem(error as Error));
  } finally {
    await stopCell(ctx, running, recorder);
    rmSync(dataDir, { recursive: true, force: true });
  }
  return recorder.result({ cell: ctx.cell, scenario: ctx.scenario, processes }, ctx.signal.aborted);
}
