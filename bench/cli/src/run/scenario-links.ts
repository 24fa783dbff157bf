import type { ModuleLink } from '@paybench/platform-runtime';
import type { Scenario } from '@paybench/bench-scenario';

/** Every module link the scenario's timeline faults, once each: the runtime places a proxy on each for the cell. */
export function scenarioLinks(scenario: Scenario): ModuleLink[] {
  const links = new Map<string, ModuleLink>();
  for (const fault of scenario.faults)
    for (const { from, to } of fault.links ?? []) links.set(`${from}->${to}`, { from, to });
  return [...links.values()];
}
