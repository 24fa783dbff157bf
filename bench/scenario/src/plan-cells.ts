import type { LoadPoint, LoggingConfig, Scenario } from './scenario-schema.js';

/** One measured run: a topology under one logging configuration at one load point. */
export interface Cell {
  /** Stable identity of the cell across repeats, e.g. `microservices/broken/open-100`. */
  readonly key: string;
  readonly topology: string;
  readonly logging: LoggingConfig;
  readonly load: LoadPoint;
  readonly repeat: number;
}

export function loadLabel(load: LoadPoint): string {
  if (load.kind === 'steps') return `steps-${load.start}x${load.factor}`;
  return load.kind === 'open' ? `open-${load.rate}` : `closed-${load.connections}`;
}

/**
 * The cross product the scenario asks for, in run order. Repeats are interleaved (every cell
 * once, then every cell again) and topologies alternate within a round, so slow drift of a noisy
 * machine hits every cell alike instead of favouring whichever ran first.
 */
export function planCells(scenario: Scenario, overrides: { topologies?: readonly string[] } = {}): Cell[] {
  const topologies = overrides.topologies ?? scenario.topologies;
  const cells: Cell[] = [];
  for (let repeat = 1; repeat <= scenario.repeat; repeat++) {
    const round: Cell[] = [];
    for (const load of scenario.load) {
      for (const logging of scenario.logging) {
        // Alternate which topology goes first from round to round.
        const order = repeat % 2 === 1 ? topologies : [...topologies].reverse();
        for (const topology of order) {
          round.push({ key: `${topology}/${logging.name}/${loadLabel(load)}`, topology, logging, load, repeat });
        }
      }
    }
    cells.push(...round);
  }
  return cells;
}
