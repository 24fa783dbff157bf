import type { CellResult, CellSummary, MachineFloor, RunResult } from '@paybench/bench-results';
import { formatRate } from './format-units.js';
import { median } from './median.js';

/**
 * The monolith's throughput against the bare express endpoint's, for one cell group: its saturation throughput
 * (closed loop) or its capacity at the SLO (steps), each set against what express alone answers at saturation.
 */
export interface MonolithEfficiency {
  logging: string;
  load: string;
  /** `saturation`: closed-loop answers per second; `capacity`: the highest offered rate of a step within the SLO. */
  basis: 'saturation' | 'capacity';
  /** Median over the group's valid repeats, req/s. */
  throughput: number;
  /** throughput / the bare express endpoint's throughput. */
  share: number;
}

/** A valid monolith cell's throughput and what it is, or null: closed loop (saturation) or steps (capacity). */
function monolithThroughput(s: CellSummary): { basis: MonolithEfficiency['basis']; rps: number | null } | null {
  if (s.topology !== 'monolith' || !s.valid) return null;
  if (s.traffic?.kind === 'closed') return { basis: 'saturation', rps: s.traffic.throughputPerSecond };
  if (s.capacity) return { basis: 'capacity', rps: s.capacity.capacityRps };
  return null;
}

/**
 * Monolith efficiency per (logging, load) group of closed-loop or stepped cells: the monolith's saturation
 * throughput or capacity at the SLO (median over valid repeats) over the bare express endpoint's on the same cores.
 * How far the whole payment flow in one process sits below what express alone answers here: our own overhead and
 * the flow's work, not the architecture's.
 */
export function monolithEfficiency(floor: MachineFloor, summaries: readonly CellSummary[]): MonolithEfficiency[] {
  if (!(floor.express.throughput > 0)) return [];
  const groups = new Map<
    string,
    { logging: string; load: string; basis: MonolithEfficiency['basis']; rps: (number | null)[] }
  >();
  for (const s of summaries) {
    const figure = monolithThroughput(s);
    if (figure === null) continue;
    const key = `${s.logging}\u0000${s.load}`;
    const group = groups.get(key) ?? { logging: s.logging, load: s.load, basis: figure.basis, rps: [] };
    group.rps.push(figure.rps);
    groups.set(key, group);
  }
  const figures: MonolithEfficiency[] = [];
  for (const { logging, load, basis, rps } of groups.values()) {
    const throughput = median(rps);
    if (throughput === null) continue;
    figures.push({ logging, load, basis, throughput, share: throughput / floor.express.throughput });
  }
  return figures;
}

/** What microservices spend per internal call beyond the monolith, against one bare hop, for one open-loop block. */
export interface HopOverhead {
  logging: string;
  load: string;
  /** Microservices minus monolith CPU per successful request (medians over valid repeats), µs. */
  extraCpuMicros: number;
  /** Module calls that crossed a process boundary per successful request, in microservices (median). */
  callsPerRequest: number;
  /** extraCpuMicros / callsPerRequest: the CPU one internal call costs microservices, µs. */
  perCallMicros: number;
  /** perCallMicros / the floor's bare hop CPU: x1 is a hop as cheap as bare express over undici. */
  ofBareHop: number;
}

/** Internal calls per successful request of one cell: the growth of every process's RPC count over its samples. */
function callsPerRequest(cell: CellResult, successes: number): number | null {
  if (successes <= 0) return null;
  let calls = 0;
  for (const process of new Set(cell.samples.map((s) => s.process))) {
    const counts = cell.samples
      .filter((s) => s.process === process && s.rpcServed !== undefined)
      .sort((a, b) => a.second - b.second)
      .map((s) => s.rpcServed as number);
    if (counts.length < 2) return null;
    // A process restarted in the cell counts from 0 again: its growth is unknown, and so is the figure.
    if (counts.some((count, i) => i > 0 && count < (counts[i - 1] as number))) return null;
    calls += (counts.at(-1) as number) - (counts[0] as number);
  }
  return calls / successes;
}

/**
 * Hop overhead per open-loop block that has valid monolith and microservices cells: (microservices CPU/request -
 * monolith CPU/request) / internal calls per request / the bare hop's CPU. Near x1, distribution costs what a hop
 * costs anywhere; far above, our own hop (contracts, validation, logging) costs more than the architecture must.
 * The whole window, faults included: read it from a scenario without faults (architecture, quick's healthy phase).
 */
export function hopOverheads(run: RunResult, floor: MachineFloor, summaries: readonly CellSummary[]): HopOverhead[] {
  if (floor.hopCpuMicros === null || !(floor.hopCpuMicros > 0)) return [];
  const bareHop = floor.hopCpuMicros;
  const groups = new Map<string, CellSummary[]>();
  for (const s of summaries) {
    if (!s.valid || s.traffic?.kind !== 'open') continue;
    const key = `${s.logging}\u0000${s.load}`;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  const figures: HopOverhead[] = [];
  for (const cells of groups.values()) {
    const cpu = (topology: string) => median(cells.filter((c) => c.topology === topology).map((c) => openCpu(c)));
    const calls = median(
      cells
        .filter((c) => c.topology === 'microservices')
        .map((c) => {
          const raw = run.cells.find((r) => r.key === c.key && r.repeat === c.repeat);
          const successes = c.traffic?.kind === 'open' ? c.traffic.overall.traffic.success : 0;
          return raw ? callsPerRequest(raw, successes) : null;
        }),
    );
    const mono = cpu('monolith');
    const micro = cpu('microservices');
    if (mono === null || micro === null || calls === null || !(calls > 0)) continue;
    const first = cells[0] as CellSummary;
    const extraCpuMicros = (micro - mono) * 1000;
    const perCallMicros = extraCpuMicros / calls;
    figures.push({
      logging: first.logging,
      load: first.load,
      extraCpuMicros,
      callsPerRequest: calls,
      perCallMicros,
      ofBareHop: perCallMicros / bareHop,
    });
  }
  return figures;
}

function openCpu(cell: CellSummary): number | null {
  return cell.traffic?.kind === 'open' ? cell.traffic.overall.resources.cpuMsPerSuccess : null;
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
    ...hopOverheads(run, floor, summaries).map(
      (h) =>
        `hop overhead (logging ${h.logging}, ${h.load}): microservices +${Math.round(h.extraCpuMicros)} us CPU/request over ` +
        `${h.callsPerRequest.toFixed(1)} internal calls = ${Math.round(h.perCallMicros)} us per call, ` +
        `x${h.ofBareHop.toFixed(1)} a bare hop`,
    ),
    ...monolithEfficiency(floor, summaries).map(
      (e) =>
        `monolith efficiency (logging ${e.logging}, ${e.load}): ${e.basis === 'capacity' ? 'capacity at the SLO ' : ''}` +
        `${formatRate(e.throughput)} req/s = ${(e.share * 100).toFixed(1)}% of bare express`,
    ),
  ];
}
