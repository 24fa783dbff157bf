// The names along which a run's cells vary, in the order the scenario lists them: every table,
// chart, comparison and tracked figure that lays cells out goes through here, so they all agree.
import type { RunResult } from '@paybench/bench-results';
import { loadLabel } from '@paybench/bench-scenario';

/**
 * Each axis in the scenario's order, then any name the scenario does not list in order of
 * appearance in `run.cells`. Only names that have cells are listed: a `--topology` override or an
 * interrupted run leaves some of the scenario's names without any.
 */
export interface ScenarioAxes {
  topologies: string[];
  /** Logging configuration names. */
  loggings: string[];
  /** Load labels, e.g. `open-100`, `closed-32`. */
  loads: string[];
}

export function scenarioAxes(run: RunResult): ScenarioAxes {
  const { scenario, cells } = run;
  return {
    topologies: inListedOrder(
      scenario.topologies,
      cells.map((c) => c.topology),
    ),
    loggings: inListedOrder(
      scenario.logging.map((l) => l.name),
      cells.map((c) => c.logging.name),
    ),
    loads: inListedOrder(
      scenario.load.map(loadLabel),
      cells.map((c) => loadLabel(c.load)),
    ),
  };
}

/** Where `name` stands on `axis`, for sorting; a name not on it goes last. */
export function axisRank(axis: readonly string[], name: string): number {
  const index = axis.indexOf(name);
  return index < 0 ? axis.length : index;
}

/** The names of `present` (once each): those of `listed` first, in its order, then the rest as they come. */
function inListedOrder(listed: readonly string[], present: readonly string[]): string[] {
  return [...new Set([...listed.filter((name) => present.includes(name)), ...present])];
}
