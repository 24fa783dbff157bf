import type {
  CellSummary,
  FaultPhaseComparison,
  TopologyComparison,
  TopologyFigures,
  TopologyRatio,
} from '@paybench/bench-results';
import { median } from './median.js';
import { chooseRepeats, ratio, type ChosenRepeats } from './over-repeats.js';

/**
 * Compares the topologies of every (logging, load) pair. Each figure is first reduced to its
 * median over repeats (per topology), then divided: a ratio of medians, so one noisy repeat
 * moves it less than it would move a mean. Invalid repeats are left out of the medians when a
 * valid one exists, and listed. The baseline is the first of `topologies` present (pass the
 * scenario's order; by default, the order in which topologies first appear in the summaries).
 */
export function compareTopologies(
  summaries: readonly CellSummary[],
  options: { topologies?: readonly string[] } = {},
): TopologyComparison[] {
  const appearance = [...new Set([...summaries].sort((a, b) => a.repeat - b.repeat).map((s) => s.topology))];
  const order = [...new Set([...(options.topologies ?? []), ...appearance])].filter((t) => appearance.includes(t));
  const groups = new Map<string, CellSummary[]>();
  for (const summary of summaries) {
    const key = JSON.stringify([summary.logging, summary.load]);
    groups.set(key, [...(groups.get(key) ?? []), summary]);
  }
  return [...groups.values()].map((group) =>
    compareGroup(
      group,
      order.filter((t) => group.some((s) => s.topology === t)),
    ),
  );
}

function compareGroup(group: readonly CellSummary[], topologies: readonly string[]): TopologyComparison {
  const chosen = topologies.map((topology) =>
    chooseRepeats(
      group.filter((s) => s.topology === topology),
      'fall back',
    ),
  );
  const figures = topologies.map((topology, i) => headlineFigures(topology, chosen[i]));
  const baseline = figures[0];
  return {
    logging: group[0].logging,
    load: group[0].load,
    baseline: baseline.topology,
    topologies: figures,
    ratios: figures.slice(1).map((f) => topologyRatio(f, baseline)),
    faultPhases: faultPhases(topologies, chosen),
  };
}

function headlineFigures(topology: string, chosen: ChosenRepeats): TopologyFigures {
  const of = (pick: (figures: RepeatFigures) => number | null) => median(chosen.used.map(repeatFigures).map(pick));
  return {
    topology,
    basis: chosen.basis,
    repeatsUsed: chosen.used.map((c) => c.repeat),
    repeatsExcluded: chosen.excluded.map(({ summary }) => ({ repeat: summary.repeat, status: summary.status })),
    p50Ms: of((f) => f.p50Ms),
    p99Ms: of((f) => f.p99Ms),
    throughputPerSecond: of((f) => f.throughputPerSecond),
    cpuMsPerSuccess: of((f) => f.cpuMsPerSuccess),
    peakRssBytes: of((f) => f.peakRssBytes),
  };
}

/** One repeat's headline figures: the values whose median over repeats a topology's figures are. */
export type RepeatFigures = Pick<
  TopologyFigures,
  'p50Ms' | 'p99Ms' | 'throughputPerSecond' | 'cpuMsPerSuccess' | 'peakRssBytes'
>;

export function repeatFigures(c: CellSummary): RepeatFigures {
  return {
    p50Ms: latencyOf(c)?.p50Ms ?? null,
    p99Ms: latencyOf(c)?.p99Ms ?? null,
    throughputPerSecond:
      c.traffic?.kind === 'open'
        ? c.traffic.overall.traffic.answeredPerSecond
        : (c.traffic?.throughputPerSecond ?? null),
    cpuMsPerSuccess: resourcesOf(c)?.cpuMsPerSuccess ?? null,
    peakRssBytes: resourcesOf(c)?.peakRssBytes ?? null,
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

function topologyRatio(figures: TopologyFigures, baseline: TopologyFigures): TopologyRatio {
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
      const recoveries = runs.flatMap((t) =>
        t.recovery?.phase === phase && t.recovery.ms !== null ? [t.recovery.ms] : [],
      );
      return {
        topology,
        basis: chosen[i].basis,
        p99Ms: median(inPhase.map((p) => p.traffic.latency.p99Ms)),
        availability: median(inPhase.map((p) => p.traffic.availability)),
        availabilityWithinSlo: median(inPhase.map((p) => p.traffic.withinSlo.availability)),
        classP99Ms: Object.fromEntries(
          [...new Set(inPhase.flatMap((p) => Object.keys(p.classes)))].map((name) => [
            name,
            median(inPhase.map((p) => p.classes[name]?.latency.p99Ms ?? null)),
          ]),
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
