import type { CellResult, RunResult } from '@paybench/bench-results';

/**
 * How measured, for runs with link proxies: the proxies run in the runner, outside every process's CPU figure; per
 * cell, the runner's CPU over the measured window per second and per request answered (an upper bound on theirs).
 * Null when no cell placed a proxy (older results, scenarios without links).
 */
export function linkProxyCpuNote(run: RunResult): string | null {
  const figures = run.cells.flatMap((cell) => {
    const cpu = cell.linkProxyCpu;
    if (!cpu || cpu.windowMs <= 0) return [];
    const perSecond = cpu.runnerCpuMs / (cpu.windowMs / 1000);
    const answered = answeredRequests(cell);
    const perRequest = answered > 0 ? `, ${(cpu.runnerCpuMs / answered).toFixed(3)} ms/req` : '';
    const preset = cell.resilience ? ` ${cell.resilience.preset}` : '';
    return [`${cell.topology} #${cell.repeat}${preset} ${perSecond.toFixed(1)} ms/s${perRequest}`];
  });
  if (figures.length === 0) return null;
  return (
    'Link proxies run in the runner process, so their CPU is in no CPU ms/req above; the runner used, over each ' +
    `measured window (CPU per second of window, per request answered): ${figures.join('; ')}. An upper bound on the ` +
    "proxies' cost: the runner also relays the processes' stdout, samples them and runs the fault timeline."
  );
}

function answeredRequests(cell: CellResult): number {
  const load = cell.loadResult;
  const results =
    load?.kind === 'open' ? [load.result] : load?.kind === 'steps' ? load.result.steps.map((s) => s.result) : [];
  return results.reduce((sum, r) => sum + Object.values(r.classes).reduce((s, c) => s + c.completed, 0), 0);
}
