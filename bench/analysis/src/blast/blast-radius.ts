// The blast radius of a run: per (logging, load) block and topology, every class in every phase, medians over
// the repeats chosen as everywhere else (valid ones; invalid ones only when nothing else, marked).
import type { CellResult, CellSummary, MedianBasis, RunResult } from '@paybench/bench-results';
import { loadLabel } from '@paybench/bench-scenario';
import { median } from '../summary/median.js';
import { chooseRepeats } from '../summary/over-repeats.js';
import { axisRank, cellConfiguration, scenarioAxes } from '../summary/scenario-axes.js';
import { cellBlast, type CellBlast, type ClassPhaseFigures } from './cell-blast.js';
import type { SloContext } from '../summary/traffic-figures.js';

/** One class in one phase of one topology, over its repeats: medians of the known values. */
export interface ClassPhaseBlast extends ClassPhaseFigures {
  /** Repeats in which the class was hit in the phase, of `repeats`. */
  hitRepeats: number;
  repeats: number;
}

export interface TopologyBlast {
  topology: string;
  basis: MedianBasis;
  /** Per class (the block's `classes` order), per phase (its `phases` order); absent where no repeat had it. */
  figures: ClassPhaseBlast[];
  /** Link faults of the timeline that were in-process here, by phase (both modules in one process: no wire). */
  inProcessLinks: Record<string, string[]>;
}

export interface BlockBlast {
  logging: string;
  load: string;
  classes: string[];
  phases: string[];
  topologies: TopologyBlast[];
}

/** Every (logging, load) block with open-loop cells, in the scenario's order; [] when there is none. */
export function blastRadius(run: RunResult, summaries: readonly CellSummary[]): BlockBlast[] {
  const axes = scenarioAxes(run);
  const slo = { sloP99Ms: run.scenario.slo.p99Ms, requestTimeoutMs: run.scenario.timeout };
  const blocks: BlockBlast[] = [];
  for (const load of axes.loads) {
    for (const logging of axes.loggings) {
      const inBlock = run.cells.flatMap((cell, i) =>
        // The logging axis holds configurations (`fixed/resilient` under a preset), not bare logging names.
        cellConfiguration(cell) === logging && loadLabel(cell.load) === load && cell.loadResult?.kind === 'open'
          ? [{ cell, summary: summaries[i] }]
          : [],
      );
      if (inBlock.length === 0) continue;
      const topologies = [...new Set(inBlock.map((c) => c.cell.topology))].sort(
        (a, b) => axisRank(axes.topologies, a) - axisRank(axes.topologies, b),
      );
      const perTopology = topologies.map((topology) => {
        const repeats = inBlock.filter((c) => c.cell.topology === topology);
        const chosen = chooseRepeats(
          repeats.map((c) => c.summary),
          'fall back',
        );
        const used = repeats.filter((c) => chosen.used.includes(c.summary));
        const blasts = used.map(({ cell }) => blastOfCell(cell, slo));
        return { topology, basis: chosen.basis, blasts, cells: used.map((c) => c.cell) };
      });
      const all = perTopology.flatMap((t) => t.blasts);
      const classes = [...new Set(all.flatMap((b) => b.classes))];
      const phases = [...new Set(all.flatMap((b) => b.phases))];
      blocks.push({
        logging,
        load,
        classes,
        phases,
        topologies: perTopology.map((t) => ({
          topology: t.topology,
          basis: t.basis,
          figures: overRepeats(t.blasts, classes, phases),
          inProcessLinks: inProcessLinks(t.cells),
        })),
      });
    }
  }
  return blocks;
}

/**
 * A cell's blast radius under an SLO, computed once per cell: the terminal summary, summary.md and report.html each
 * ask for the run's, and a cell's is its second-by-second histograms read per class and phase (results are not
 * mutated once recorded).
 */
const blastOfCells = new WeakMap<CellResult, { slo: SloContext; blast: CellBlast }>();

function blastOfCell(cell: CellResult, slo: SloContext): CellBlast {
  const known = blastOfCells.get(cell);
  if (known && known.slo.sloP99Ms === slo.sloP99Ms && known.slo.requestTimeoutMs === slo.requestTimeoutMs)
    return known.blast;
  const blast = cellBlast(openResult(cell), cell.phases, slo);
  blastOfCells.set(cell, { slo, blast });
  return blast;
}

function openResult(cell: CellResult) {
  if (cell.loadResult?.kind !== 'open') throw new Error(`cell ${cell.key} has no open-loop result`);
  return cell.loadResult.result;
}

function overRepeats(blasts: readonly CellBlast[], classes: readonly string[], phases: readonly string[]) {
  return classes.flatMap((className) =>
    phases.flatMap((phase): ClassPhaseBlast[] => {
      const each = blasts.flatMap((b) => b.figures.filter((f) => f.className === className && f.phase === phase));
      if (each.length === 0) return [];
      const hit = each.filter((f) => f.outcome !== 'not hit' && f.outcome !== 'carried');
      const of = (pick: (f: ClassPhaseFigures) => number | null, from = each) => median(from.map(pick));
      return [
        {
          className,
          phase,
          availability: of((f) => f.availability),
          p99Ms: of((f) => f.p99Ms),
          hitSeconds: of((f) => f.hitSeconds) ?? 0,
          impactMs: of((f) => f.impactMs, hit),
          downMs: of((f) => f.downMs, hit),
          recoveryMs: of((f) => f.recoveryMs, hit),
          outcome: outcomeOf(each, hit),
          hitRepeats: hit.length,
          repeats: each.length,
        },
      ];
    }),
  );
}

/** The majority's outcome: not hit (or carried) when most repeats were not hit; else the worst seen among those hit. */
function outcomeOf(
  each: readonly ClassPhaseFigures[],
  hit: readonly ClassPhaseFigures[],
): ClassPhaseFigures['outcome'] {
  if (hit.length * 2 < each.length || hit.length === 0)
    return each.filter((f) => f.outcome === 'carried').length * 2 > each.length ? 'carried' : 'not hit';
  for (const outcome of ['never', 'not observed'] as const) if (hit.some((f) => f.outcome === outcome)) return outcome;
  return 'recovered';
}

/** `phase -> ['checkout->risk']` for the link faults that found no wire in these cells. */
function inProcessLinks(cells: readonly CellResult[]): Record<string, string[]> {
  const byPhase: Record<string, string[]> = {};
  for (const fault of cells[0]?.faults ?? []) {
    const links = (fault.links ?? []).filter((l) => l.appliedAs === 'in-process').map((l) => `${l.from}->${l.to}`);
    if (links.length > 0) byPhase[fault.phase] = links;
  }
  return byPhase;
}
