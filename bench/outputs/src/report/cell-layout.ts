import type { CellResult, RunResult } from '@paybench/bench-results';
import { loadLabel } from '@paybench/bench-scenario';

/**
 * The axes along which the report lays cells out, in the scenario's order (then order of
 * appearance): a `--topology` override or an interrupted run leaves some of the scenario's
 * names without cells, so only names that have cells are listed.
 */
export interface CellLayout {
  topologies: string[];
  loggings: string[];
  /** Load labels, e.g. `open-100`, `closed-32`. */
  loads: string[];
}

export function cellLayout(run: RunResult): CellLayout {
  const ordered = (preferred: readonly string[], present: readonly string[]) => [
    ...new Set([...preferred.filter((p) => present.includes(p)), ...present]),
  ];
  return {
    topologies: ordered(
      run.scenario.topologies,
      run.cells.map((c) => c.topology),
    ),
    loggings: ordered(
      run.scenario.logging.map((l) => l.name),
      run.cells.map((c) => c.logging.name),
    ),
    loads: ordered(
      run.scenario.load.map(loadLabel),
      run.cells.map((c) => loadLabel(c.load)),
    ),
  };
}

/** Every repeat of one (topology, logging, load), lowest repeat first. */
export function cellsOf(run: RunResult, topology: string, logging: string, load: string): CellResult[] {
  return run.cells
    .filter((c) => c.topology === topology && c.logging.name === logging && loadLabel(c.load) === load)
    .sort((a, b) => a.repeat - b.repeat);
}

/**
 * The repeat a per-cell chart shows: the lowest repeat that measured something (a failed first
 * repeat would otherwise blank the panel while later repeats have data), else the lowest repeat.
 */
export function shownRepeat(cells: readonly CellResult[]): CellResult | undefined {
  return cells.find((c) => c.loadResult !== null) ?? cells[0];
}
