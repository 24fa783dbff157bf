// Where the report finds a cell of the scenario's axes (the axes themselves: scenarioAxes in bench/analysis).
import type { CellResult, RunResult } from '@paybench/bench-results';
import { cellConfiguration } from '@paybench/bench-analysis';
import { loadLabel } from '@paybench/bench-scenario';

/** Every repeat of one (topology, logging (with its preset, if any), load), lowest repeat first. */
export function cellsOf(run: RunResult, topology: string, logging: string, load: string): CellResult[] {
  return run.cells
    .filter((c) => c.topology === topology && cellConfiguration(c) === logging && loadLabel(c.load) === load)
    .sort((a, b) => a.repeat - b.repeat);
}

/**
 * The repeat a per-cell chart shows: the lowest repeat that measured something (a failed first
 * repeat would otherwise blank the panel while later repeats have data), else the lowest repeat.
 */
export function shownRepeat(cells: readonly CellResult[]): CellResult | undefined {
  return cells.find((c) => c.loadResult !== null) ?? cells[0];
}
