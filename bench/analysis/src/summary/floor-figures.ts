import type { CellSummary, MachineFloor, RunResult } from '@paybench/bench-results';
import { formatRate } from './format-units.js';
import { median } from './median.js';

/** The monolith's saturation throughput against the bare express endpoint's, for one closed-loop cell group. */
export interface MonolithEfficiency {
  logging: string;
  load: string;
  /** Median over the group's valid repeats of the monolith's closed-loop answers per second. */
  throughput: number;
  /** throughput / the bare express endpoint's throughput. */
  share: number;
}

/**
 * Monolith efficiency per (logging, closed load) group: the monolith's saturation throughput (median over valid
 * repeats) over the bare express endpoint's on the same cores. How far the whole payment flow in one process sits
 * below what express alone answers here: our own overhead and the flow's work, not the architecture's.
 */
export function monolithEfficiency(floor: MachineFloor, summaries: readonly CellSummary[]): MonolithEfficiency[] {
  const groups = new Map<string, CellSummary[]>();
  for (const s of summaries) {
    if (s.topology !== 'monolith' || !s.valid || s.traffic?.kind !== 'closed') continue;
    const key = `${s.logging}\u0000${s.load}`;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  const figures: MonolithEfficiency[] = [];
  for (const cells of groups.values()) {
    const throughput = median(cells.map((c) => (c.traffic?.kind === 'closed' ? c.traffic.throughputPerSecond : null)));
    const first = cells[0] as CellSummary;
    if (throughput === null || !(floor.express.throughput > 0)) continue;
    figures.push({
      logging: first.logging,
      load: first.load,
      throughput,
      share: throughput / floor.express.throughput,
    });
  }
  return figures;
}

const cpu = (micros: number | null) => (micros === null ? 'CPU unknown' : `${Math.round(micros)} us CPU/request`);

/**
 * The machine's floor in words, for the header of every summary: what express and one hop cost here, and the
 * monolith against it. Nothing for results recorded before the floor existed; the reason when it is missing.
 */
export function floorLines(run: RunResult, summaries: readonly CellSummary[]): string[] {
  const floor = run.environment.floor;
  if (floor === undefined) return [];
  if ('skipped' in floor) return [`machine floor: ${floor.skipped}`];
  const hop =
    floor.hopCpuMicros === null
      ? 'its CPU unknown'
      : `+${Math.round(floor.hopCpuMicros)} us CPU per request for the hop`;
  return [
    `machine floor (same cores, autocannon, ${floor.connections} connections): bare express ` +
      `${formatRate(floor.express.throughput)} req/s at ${cpu(floor.express.cpuMicrosPerRequest)}; through one ` +
      `bare express-to-express hop ${formatRate(floor.hop.throughput)} req/s, ${hop}`,
    ...monolithEfficiency(floor, summaries).map(
      (e) =>
        `monolith efficiency (logging ${e.logging}, ${e.load}): ${formatRate(e.throughput)} req/s = ` +
        `${(e.share * 100).toFixed(1)}% of bare express`,
    ),
  ];
}
