import type { CellStatus } from '../results/result-schema.js';
import { median } from './median.js';
import type { CellSummary } from './summarize-cell.js';

/**
 * Which repeats a topology's medians come from: `valid` (every repeat with status ok), or, when
 * no repeat is valid, `invalid only` (figures of invalid or interrupted cells, shown marked rather
 * than dropped), or `none` (nothing was measured).
 */
export type MedianBasis = 'valid' | 'invalid only' | 'none';

/** One topology's headline figures for one (logging, load) pair: medians over repeats. */
export interface TopologyFigures {
  topology: string;
  basis: MedianBasis;
  /** Repeats the medians are taken over. */
  repeatsUsed: number[];
  /** Repeats left out, with their status. */
  repeatsExcluded: { repeat: number; status: CellStatus }[];
  /** Whole window, all classes merged (open loop) or autocannon's service time (closed loop). */
  p50Ms: number | null;
  p99Ms: number | null;
  /** HTTP answers per second over the window. */
  throughputPerSecond: number | null;
  cpuMsPerSuccess: number | null;
  peakRssBytes: number | null;
}

/** figure(topology) / figure(baseline) for each headline figure; null when either is unknown or the baseline is 0. */
export interface TopologyRatio {
  topology: string;
  baseline: string;
  p50: number | null;
  p99: number | null;
  throughput: number | null;
  cpuPerSuccess: number | null;
  peakRss: number | null;
}

/** One fault phase, the topologies side by side (medians over the same repeats as the headline figures). */
export interface FaultPhaseComparison {
  phase: string;
  /** True for the last phase, where recovery is measured. */
  last: boolean;
  byTopology: {
    topology: string;
    basis: MedianBasis;
    p99Ms: number | null;
    availability: number | null;
    availabilityWithinSlo: number | null;
    /** Each traffic class's p99 in the phase: how far the fault reached (blast radius). */
    classP99Ms: Record<string, number | null>;
    /** Median over the repeats that saw an impact; `impactSeen` of `repeats` did. */
    timeToImpactMs: number | null;
    impactSeen: number;
    /** Last phase only: median over the repeats that recovered; `recovered` of `repeats` did. */
    timeToRecoverMs: number | null;
    recovered: number;
    repeats: number;
  }[];
}

export interface TopologyComparison {
  logging: string;
  load: string;
  baseline: string;
  topologies: TopologyFigures[];
  /** Every topology but the baseline, against it. */
  ratios: TopologyRatio[];
  /** Every phase after the first (open-loop cells only). */
  faultPhases: FaultPhaseComparison[];
}

/**
 * Compares the topologies of every (logging, load) pair. Each figure is first reduced to its
 * median over repeats (per topology), then divided: a ratio of medians, so one noisy repeat
 * moves it less than it would move a mean. Invalid repeats are left out of the medians when a
 * valid one exists, and listed. The baseline is the first of `topologies` present (pass the
 * scenario's order; by default, the order in which topologies first appear in the summaries).
 */
export function compareTopologies(summaries: readonly CellSummary[], options: { topologies?: readonly string[] } = {}): TopologyComparison[] {
  const appearance = [...new Set([...summaries].sort((a, b) => a.repeat - b.repeat).map((s) => s.topology))];
  const order = [...new Set([...(options.topologies ?? []), ...appearance])].filter((t) => appearance.includes(t));
  const groups = new Map<string, CellSummary[]>();
  for (const summary of summaries) {
    const key = JSON.stringify([summary.logging, summary.load]);
    groups.set(key, [...(groups.get(key) ?? []), summary]);
  }
  return [...groups.values()].map((group) => compareGroup(group, order.filter((t) => group.some((s) => s.topology === t))));
}

function compareGroup(group: readonly CellSummary[], topologies: readonly string[]): TopologyComparison {
  const chosen = topologies.map((topology) => chooseRepeats(group.filter((s) => s.topology === topology)));
  const figures = topologies.map((topology, i) => headlineFigures(topology, chosen[i]));
  const baseline = figures[0];
  return {
    logging: group[0].logging,
    load: group[0].load,
    baseline: baseline.topology,
    topologies: figures,
    ratios: figures.slice(1).map((f) => ratioOf(f, baseline)),
    faultPhases: faultPhases(topologies, chosen),
  };
}

interface ChosenRepeats {
  basis: MedianBasis;
  used: CellSummary[];
  excluded: CellSummary[];
}

function chooseRepeats(cells: readonly CellSummary[]): ChosenRepeats {
  const measured = cells.filter((c) => c.traffic !== null);
  const valid = measured.filter((c) => c.valid);
  const used = valid.length > 0 ? valid : measured;
  const basis: MedianBasis = valid.length > 0 ? 'valid' : measured.length > 0 ? 'invalid only' : 'none';
  return { basis, used, excluded: cells.filter((c) => !used.includes(c)) };
}

function headlineFigures(topology: string, chosen: ChosenRepeats): TopologyFigures {
  const of = (pick: (c: CellSummary) => number | null) => median(chosen.used.map(pick));
  return {
    topology,
    basis: chosen.basis,
    repeatsUsed: chosen.used.map((c) => c.repeat),
    repeatsExcluded: chosen.excluded.map((c) => ({ repeat: c.repeat, status: c.status })),
    p50Ms: of((c) => latencyOf(c)?.p50Ms ?? null),
    p99Ms: of((c) => latencyOf(c)?.p99Ms ?? null),
    throughputPerSecond: of((c) => (c.traffic?.kind === 'open' ? c.traffic.overall.traffic.answeredPerSecond : (c.traffic?.throughputPerSecond ?? null))),
    cpuMsPerSuccess: of((c) => resourcesOf(c)?.cpuMsPerSuccess ?? null),
    peakRssBytes: of((c) => resourcesOf(c)?.peakRssBytes ?? null),
  };
}

function latencyOf(cell: CellSummary) {
  if (cell.traffic === null) return null;
  return cell.traffic.kind === 'open' ? cell.traffic.overall.traffic.latency : cell.traffic.latency;
}

function resourcesOf(cell: CellSummary) {
  if (cell.traffic === null) return null;
  return cell.traffic.kind === 'open' ? cell.traffic.overall.resources : cell.traffic.resources;
}

function ratioOf(figures: TopologyFigures, baseline: TopologyFigures): TopologyRatio {
  const ratio = (a: number | null, b: number | null) => (a !== null && b !== null && b !== 0 ? a / b : null);
  return {
    topology: figures.topology,
    baseline: baseline.topology,
    p50: ratio(figures.p50Ms, baseline.p50Ms),
    p99: ratio(figures.p99Ms, baseline.p99Ms),
    throughput: ratio(figures.throughputPerSecond, baseline.throughputPerSecond),
    cpuPerSuccess: ratio(figures.cpuMsPerSuccess, baseline.cpuMsPerSuccess),
    peakRss: ratio(figures.peakRssBytes, baseline.peakRssBytes),
  };
}

/** The phases after the first, in the order of the first open-loop cell that has them. */
function faultPhases(topologies: readonly string[], chosen: readonly ChosenRepeats[]): FaultPhaseComparison[] {
  const openCells = chosen.flatMap((c) => c.used).flatMap((c) => (c.traffic?.kind === 'open' ? [c.traffic] : []));
  const names = [...new Set(openCells.flatMap((t) => t.phases.slice(1).map((p) => p.name)))];
  const lastName = openCells[0]?.phases.at(-1)?.name;
  return names.map((phase) => ({
    phase,
    last: phase === lastName,
    byTopology: topologies.map((topology, i) => {
      const runs = chosen[i].used.flatMap((c) => (c.traffic?.kind === 'open' ? [c.traffic] : []));
      const inPhase = runs.flatMap((t) => t.phases.filter((p) => p.name === phase));
      const impacts = runs.flatMap((t) => t.impact.filter((x) => x.phase === phase && x.ms !== null).map((x) => x.ms));
      const recoveries = runs.flatMap((t) => (t.recovery?.phase === phase && t.recovery.ms !== null ? [t.recovery.ms] : []));
      return {
        topology,
        basis: chosen[i].basis,
        p99Ms: median(inPhase.map((p) => p.traffic.latency.p99Ms)),
        availability: median(inPhase.map((p) => p.traffic.availability)),
        availabilityWithinSlo: median(inPhase.map((p) => p.traffic.withinSlo.availability)),
        classP99Ms: Object.fromEntries(
          [...new Set(inPhase.flatMap((p) => Object.keys(p.classes)))].map((name) => [name, median(inPhase.map((p) => p.classes[name]?.latency.p99Ms ?? null))]),
        ),
        timeToImpactMs: median(impacts),
        impactSeen: impacts.length,
        timeToRecoverMs: median(recoveries),
        recovered: recoveries.length,
        repeats: runs.length,
      };
    }),
  }));
}
