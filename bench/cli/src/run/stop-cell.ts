import type { RunningTopology } from '@paybench/platform-runtime';
import { clinicOutcome } from '@paybench/bench-profile';
import type { CellContext } from './cell-context.js';
import { clinicProblem, killedProblem, stoppingProblem } from './cell-problems.js';
import type { CellRecorder } from './cell-recorder.js';
import { readPolicyCounts } from './read-policy-counts.js';

/**
 * Stops the cell's topology (if it started) and records how: the link proxies' and the resilience policies'
 * counters, processes that
 * had to be killed, and what the clinic.js tool (when profiling) left behind. Never throws for a
 * topology that will not stop.
 */
export async function stopCell(
  ctx: CellContext,
  running: RunningTopology | undefined,
  recorder: CellRecorder,
): Promise<void> {
  ctx.onStage?.('stopping');
  // The link proxies' counters as the cell ends (they close with the topology), whether or not it ran to the end.
  if (running && ctx.scenario.faults.some((f) => f.links)) recorder.linkProxiesEnded(running.linkStats());
  if (running) recorder.crashesSeen(running.crashes());
  // What the resilience policies did, while the processes still answer (only cells that run a preset).
  if (running && ctx.cell.resilience) recorder.policiesEnded(await readPolicyCounts(running));
  const stopped = await running?.stop().catch((error: unknown) => {
    recorder.problem(stoppingProblem(error as Error));
    return undefined;
  });
  const clinic = ctx.profiling?.clinic;
  // The clinic tool is stopped by its own signal, and killed only after its timeout: its outcome says so.
  for (const [name, result] of Object.entries(stopped ?? {})) {
    if (result.killed && name !== clinic?.process) recorder.problem(killedProblem(name));
  }
  if (!clinic || !running) return;
  const result = stopped?.[clinic.process];
  const run = clinicOutcome(clinic.tool, {
    dir: clinic.dir,
    name: clinic.process,
    process: clinic.process,
    runDir: ctx.profiling?.runDir ?? ctx.logDir,
    killed: result?.killed ?? false,
    timeoutMs: clinic.timeoutMs,
    exit: result ?? null,
  });
  recorder.clinicDone(run);
  recorder.problem(clinicProblem(run));
}
