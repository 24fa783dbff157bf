import type { LogAccounting, RunningTopology } from '@paybench/platform-runtime';
import type { CellContext } from './cell-context.js';
import { faultedModules } from './module-faults.js';
import { scenarioLinks } from './scenario-links.js';
import { accountingProblem, liftFaultsProblem } from './cell-problems.js';
import type { CellRecorder } from './cell-recorder.js';

const SETTLE_TIMEOUT_MS = 20_000;

/**
 * After the load: lifts every fault (sink normal, the configured buffer policy), waits up to 20 s
 * for the log pipeline to drain, and records the log accounting, with a problem when it does not
 * hold or lines are still in flight.
 */
export async function settleCell(ctx: CellContext, running: RunningTopology, recorder: CellRecorder): Promise<void> {
  ctx.onStage?.('draining logs');
  liftLinkFaults(ctx, running, recorder);
  await liftModuleFaults(ctx, running, recorder);
  if (ctx.scenario.faults.some((f) => f.forwarder)) {
    // A forwarder that cannot take the change (gone) is for the accounting to report.
    await running
      .setLogOptions({ forwarder: { sink: { mode: 'normal' }, whenFull: ctx.cell.logging.forwarder.whenFull } })
      .catch((error: unknown) => recorder.problem(liftFaultsProblem(error as Error)));
  }
  // An external target's log drivers are not ours to read: no accounting (the cell's notes say so).
  if (ctx.target) return;
  const accounting = await drained(running);
  recorder.logAccounting(accounting);
  recorder.problem(accountingProblem(accounting, SETTLE_TIMEOUT_MS));
}

/** Lifts every link's toxics: the drain must not wait on a black hole. */
function liftLinkFaults(ctx: CellContext, running: RunningTopology, recorder: CellRecorder): void {
  const links = scenarioLinks(ctx.scenario);
  if (links.length === 0) return;
  try {
    for (const link of links) running.setLinkToxics(link.from, link.to, []);
  } catch (error) {
    recorder.problem(liftFaultsProblem(error as Error));
  }
}

/** Lifts every module's in-process faults (a process down after a crash has none): the drain must not wait on them. */
async function liftModuleFaults(ctx: CellContext, running: RunningTopology, recorder: CellRecorder): Promise<void> {
  await Promise.all(
    faultedModules(ctx.scenario).map((module) =>
      running
        .setModuleFaults(module, [])
        .catch((error: unknown) => recorder.problem(liftFaultsProblem(error as Error))),
    ),
  );
}

async function drained(running: RunningTopology): Promise<LogAccounting> {
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  let accounting = await running.logAccounting();
  // Once the forwarder's counts are gone, waiting cannot settle anything.
  while (!accounting.settled && accounting.forwarderError === null && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    accounting = await running.logAccounting();
  }
  return accounting;
}
