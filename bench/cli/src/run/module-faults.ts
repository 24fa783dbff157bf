import type { RunningTopology } from '@paybench/platform-runtime';
import type { ModuleFaultChange, Scenario } from '@paybench/bench-scenario';

/**
 * Applies one module's faults from a scenario event and answers the process they were applied to (null: a
 * lift on a process that is down, which has nothing to lift). A crash kills the hosting process, and with
 * `restartAfter` the supervisor starts it again on its own; the other kinds go to the hosting process's
 * internal listener.
 */
export async function applyModuleFaults(running: RunningTopology, change: ModuleFaultChange): Promise<string | null> {
  const [first] = change.faults;
  if (first?.type === 'crash') {
    const restart = first.restartAfter === undefined ? {} : { restartAfterMs: first.restartAfter };
    const handle = await running.crashModule(change.module, restart);
    return handle.record.process;
  }
  const inProcess = change.faults.flatMap((f) => (f.type === 'crash' ? [] : [f]));
  const { process, applied } = await running.setModuleFaults(change.module, inProcess);
  return applied ? process : null;
}

/** Every module some event gives in-process faults to: lifted after the load, before the drain. */
export function faultedModules(scenario: Scenario): string[] {
  const modules = new Set<string>();
  for (const fault of scenario.faults)
    for (const change of fault.modules ?? [])
      if (change.faults.some((f) => f.type !== 'crash')) modules.add(change.module);
  return [...modules];
}
