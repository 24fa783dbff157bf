import type { CapacitySummary, CellSummary } from '@paybench/bench-results';
import { formatRate } from '../summary/format-units.js';
import { median } from '../summary/median.js';
import { num, text, type TableCell, type TableColumn, type TableModel } from './table-model.js';

const COLUMNS: TableColumn[] = [
  { title: 'topology', align: 'left' },
  { title: 'capacity', unit: 'req/s', align: 'right' },
  { title: 'ratio', unit: 'x', short: 'ratio', align: 'right' },
  { title: 'repeats', short: 'rep', align: 'right' },
  { title: 'last step within SLO', short: 'last in SLO', align: 'left' },
  { title: 'first step beyond', short: 'first beyond', align: 'left' },
];

/** Per topology of a stepped block: its capacity (median over valid repeats) and its ratio to the first topology's. */
export interface TopologyCapacity {
  topology: string;
  capacityRps: number | null;
  /** Against the first topology of the block (null when either capacity is unknown, or both are lower bounds). */
  ratio: number | null;
  /** The ladder ended before any step beyond the SLO: the capacity is at least capacityRps (see capacityIsLowerBound). */
  lowerBound: boolean;
  /** How the ratio bounds the truth when one side is a lower bound: `at-most` (the first's), `at-least` (this one's). */
  ratioBound: 'at-most' | 'at-least' | null;
  /** Valid repeats the median is over. */
  repeats: number;
}

/**
 * True when no step above the capacity broke the SLO: the ladder (maxSteps, maxRate) ended first, so the topology
 * kept the SLO at every rate offered and its capacity is at least the top step's, not that rate.
 */
export function capacityIsLowerBound(capacity: CapacitySummary | undefined): boolean {
  if (!capacity || capacity.capacityRps === null) return false;
  const top = capacity.capacityRps;
  return !capacity.points.some((p) => p.offeredRate > top && !p.withinSlo);
}

/** The capacities of a block's stepped cells, in `topologies` order; empty when no cell is stepped. */
export function topologyCapacities(cells: readonly CellSummary[], topologies: readonly string[]): TopologyCapacity[] {
  const stepped = cells.filter((c) => c.capacity !== undefined);
  if (stepped.length === 0) return [];
  const medians = topologies
    .map((topology) => {
      const valid = stepped.filter((c) => c.topology === topology && c.valid);
      return {
        topology,
        capacityRps: median(valid.map((c) => c.capacity?.capacityRps ?? null)),
        lowerBound: valid.some((c) => capacityIsLowerBound(c.capacity)),
        repeats: valid.length,
      };
    })
    .filter((t) => stepped.some((c) => c.topology === t.topology));
  const first = medians[0];
  const base = first?.capacityRps ?? null;
  return medians.map((t) => {
    const bothBounds = t.lowerBound && (first?.lowerBound ?? false);
    const known = base !== null && base > 0 && t.capacityRps !== null && !bothBounds;
    const ratioBound = !known || t === first ? null : t.lowerBound ? 'at-least' : first?.lowerBound ? 'at-most' : null;
    return { ...t, ratio: known ? (t.capacityRps as number) / base : null, ratioBound };
  });
}

/**
 * The capacity table of a stepped block: per topology its capacity at the SLO, the ratio to the
 * first topology, and (first valid repeat) the steps either side of the knee.
 */
export function capacityTable(cells: readonly CellSummary[], topologies: readonly string[]): TableModel | null {
  const capacities = topologyCapacities(cells, topologies);
  if (capacities.length === 0) return null;
  const rows = capacities.map((t) => {
    const cell =
      cells.find((c) => c.topology === t.topology && c.valid && c.capacity) ??
      cells.find((c) => c.topology === t.topology);
    const points = cell?.capacity?.points ?? [];
    const lastIn = points.filter((p) => p.withinSlo && p.lagValid).at(-1);
    const firstOut = points.find((p) => !p.withinSlo && p.offeredRate > (lastIn?.offeredRate ?? 0));
    const step = (p: (typeof points)[number] | undefined) =>
      p ? `${Math.round(p.offeredRate)}/s: p99 ${p.p99Ms === null ? '-' : p.p99Ms.toFixed(1)} ms` : '-';
    return {
      cells: [
        text(t.topology),
        t.lowerBound && t.capacityRps !== null
          ? text(`>= ${formatRate(t.capacityRps)}`)
          : num(t.capacityRps, 'rate', true),
        ratioCell(t),
        num(t.repeats, 'count'),
        text(step(lastIn)),
        text(t.lowerBound ? 'none: the ladder ended' : step(firstOut)),
      ],
    };
  });
  const slo = cells.find((c) => c.capacity)?.capacity;
  const notes = [
    `capacity: the highest offered rate whose step kept the slowest class's p99 within ${slo?.sloP99Ms ?? '?'} ms ` +
      `with at least ${((slo?.minAvailability ?? 0.999) * 100).toFixed(1)}% answered and a generator on schedule; ` +
      `ratio against ${capacities[0]?.topology ?? 'the first topology'}; median over valid repeats`,
    ...(capacities.some((t) => t.lowerBound)
      ? [
          ">= : every step up to the ladder's top kept the SLO, so the capacity is at least that rate (and a ratio " +
            'against it a bound); raise load.maxSteps or maxRate to find the knee',
        ]
      : []),
  ];
  return { columns: COLUMNS, rows, notes };
}

function ratioCell(t: TopologyCapacity): TableCell {
  if (t.ratio === null || t.ratioBound === null) return num(t.ratio, 'fixed3');
  return text(`${t.ratioBound === 'at-most' ? '<=' : '>='} ${t.ratio.toFixed(3)}`);
}
