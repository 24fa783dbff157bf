import type { CellResult, CellSummary, RunResult, TopologyComparison } from '@paybench/bench-results';
import { compareTopologies } from './compare-topologies.js';
import { withRatioIntervals } from './ratio-intervals.js';
import { scenarioAxes } from './scenario-axes.js';
import { summarizeCell } from './summarize-cell.js';

/** A run's derived figures: a summary per cell, in the order of `run.cells`, and the topologies compared. */
export interface RunSummaries {
  summaries: CellSummary[];
  comparisons: TopologyComparison[];
}

/**
 * The one entry for a run's derived figures: the run itself (after each cell), every renderer and
 * the tracking figures go through here, so that none of them disagrees. result.json stores the
 * figures, and they are used as stored; a cell without a stored summary (a result written before
 * summaries were stored, one edited by hand, the cell just measured) is summarized from its raw
 * data, which gives the same numbers. The stored comparisons are used only when every summary was
 * stored; otherwise the topologies are compared again, in the scenario's order. The ratios' intervals
 * are computed here, once (a bootstrap is the costly part), and only where a comparison has none:
 * a stored comparison written before intervals existed gets them from the stored raw data.
 */
export function summarizeRun(run: RunResult): RunSummaries {
  const { slo, timeout } = run.scenario;
  const stored = run.summaries ?? [];
  const summaries = run.cells.map((cell, i) =>
    isSummaryOf(stored.at(i), cell) ? stored[i] : summarizeCell(cell, slo.p99Ms, { requestTimeoutMs: timeout }),
  );
  const allStored = summaries.every((summary, i) => summary === stored[i]);
  const compared =
    allStored && run.comparisons?.length
      ? run.comparisons
      : compareTopologies(summaries, { topologies: scenarioAxes(run).topologies });
  const comparisons = withRatioIntervals(
    compared,
    summaries.map((summary, i) => ({ summary, cell: run.cells[i] })),
  );
  return { summaries, comparisons };
}

/** A stored summary counts only where it is the cell's own (same place in the run, same key and repeat). */
function isSummaryOf(summary: CellSummary | undefined, cell: CellResult): boolean {
  return summary !== undefined && summary.key === cell.key && summary.repeat === cell.repeat;
}
