import type { RunResult } from '../results/result-schema.js';
import { compareTopologies, type TopologyComparison } from './compare-topologies.js';
import { summarizeCell, type CellSummary } from './summarize-cell.js';

/**
 * The run's derived figures. result.json carries them since schema version 1 was extended; runs
 * written before that (or by hand) lack them, so they are recomputed from the raw cells, which
 * gives the same numbers. Every renderer goes through here so that none of them disagrees.
 */
export function runFigures(run: RunResult): { summaries: CellSummary[]; comparisons: TopologyComparison[] } {
  const stored = run.summaries?.length === run.cells.length;
  const summaries = stored ? run.summaries : run.cells.map((c) => summarizeCell(c, run.scenario.slo.p99Ms, { requestTimeoutMs: run.scenario.timeout }));
  const comparisons = stored && run.comparisons?.length ? run.comparisons : compareTopologies(summaries, { topologies: run.scenario.topologies });
  return { summaries, comparisons };
}
