import type { Phase } from '@paybench/bench-results';
import type { Scenario } from '@paybench/bench-scenario';

/**
 * The measured window cut at every fault event: before the first fault is `healthy` (or
 * `steady` when there are none); each fault starts the phase it names.
 */
export function phasesOf(scenario: Scenario): Phase[] {
  const cuts = [
    { name: scenario.faults.length > 0 ? 'healthy' : 'steady', at: 0 },
    ...scenario.faults.map((f) => ({ name: f.phase, at: f.at })),
  ];
  return cuts.map((cut, i) => ({ name: cut.name, fromMs: cut.at, toMs: cuts[i + 1]?.at ?? scenario.duration }));
}
