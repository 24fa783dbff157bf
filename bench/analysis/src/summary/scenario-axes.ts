// The names along which a run's cells vary, in the order the scenario lists them: every table,
// chart, comparison and tracked figure that lays cells out goes through here, so they all agree.
import type { CellResult, RunResult } from '@paybench/bench-results';
import { loadLabel } from '@paybench/bench-scenario';
import type { RichText } from './rich-text.js';

/**
 * Each axis in the scenario's order, then any name the scenario does not list in order of
 * appearance in `run.cells`. Only names that have cells are listed: a `--topology` override or an
 * interrupted run leaves some of the scenario's names without any.
 */
export interface ScenarioAxes {
  topologies: string[];
  /**
   * Logging configuration names; when the scenario lists resilience presets, each followed by `/<preset>`
   * (`broken/naive`, `broken/resilient`): the preset is part of the cell like its logging, so every table,
   * comparison and tracked figure keeps cells of different presets apart (see cellConfiguration).
   */
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
      scenario.logging.flatMap((l) => (scenario.resilience ?? [undefined]).map((p) => configurationLabel(l.name, p))),
      cells.map(cellConfiguration),
    ),
    loads: inListedOrder(
      scenario.load.map(loadLabel),
      cells.map((c) => loadLabel(c.load)),
    ),
  };
}

/**
 * A cell's place on the logging axis: its logging configuration's name, followed by `/<preset>` when it ran
 * under a resilience preset (only cells of a scenario that lists presets do, so other runs read as before).
 */
export function cellConfiguration(cell: Pick<CellResult, 'logging' | 'resilience'>): string {
  return configurationLabel(cell.logging.name, cell.resilience?.preset);
}

/** `fixed`, or `fixed/naive` under a resilience preset: a cell's place on the logging axis (see configurationParts). */
export function configurationLabel(logging: string, preset: string | undefined): string {
  return preset ? `${logging}/${preset}` : logging;
}

/** The logging configuration and the resilience preset (if any) a configurationLabel names. */
export function configurationParts(configuration: string): { logging: string; preset: string | undefined } {
  const [logging = configuration, preset] = configuration.split('/');
  return { logging, preset };
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

/**
 * A configuration as a sentence reads it: `fixed` -> "**fixed** logging configuration"; `fixed/naive` (a cell under a
 * resilience preset) -> "**fixed** logging configuration with the **naive** resilience preset".
 */
export function configurationPhrase(configuration: string): RichText {
  const { logging, preset } = configurationParts(configuration);
  return preset === undefined
    ? [{ strong: logging }, ' logging configuration']
    : [{ strong: logging }, ' logging configuration with the ', { strong: preset }, ' resilience preset'];
}
