import type { LoadPoint, LoggingConfig, Scenario } from './scenario-schema.js';

/** One measured run: a topology under one logging configuration (and resilience preset, if any) at one load point. */
export interface Cell {
  /**
   * Stable identity of the cell across repeats, e.g. `microservices/broken/open-100`, followed by
   * `/<preset>` only when the scenario lists resilience presets (`microservices/broken/open-100/naive`).
   */
  readonly key: string;
  readonly topology: string;
  readonly logging: LoggingConfig;
  /** The resilience preset's name; absent when the scenario lists none (no policies). */
  readonly resilience?: string;
  readonly load: LoadPoint;
  readonly repeat: number;
}

/**
 * `open-100`, `closed-32`; a retrying client adds its bound (`open-100-retry3`) and several generator processes their
 * number (`open-2000-w2`, `open-2000-wauto`), so each can share a scenario with the plain load.
 */
export function loadLabel(load: LoadPoint): string {
  if (load.kind === 'closed') return `closed-${load.connections}`;
  if (load.kind === 'steps') return `steps-${load.start}x${load.factor}`;
  const workers = load.workers === undefined || load.workers === 1 ? '' : `-w${load.workers}`;
  return `open-${load.rate}${load.clientRetries ? `-retry${load.clientRetries.max}` : ''}${workers}`;
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
        // No presets listed: one cell per topology with no preset part, so keys and baselines stay as they were.
        for (const preset of scenario.resilience ?? [undefined]) {
          // Alternate which topology goes first from round to round.
          const order = repeat % 2 === 1 ? topologies : [...topologies].reverse();
          for (const topology of order) {
            const key = `${topology}/${logging.name}/${loadLabel(load)}${preset ? `/${preset}` : ''}`;
            round.push({ key, topology, logging, load, repeat, ...(preset ? { resilience: preset } : {}) });
          }
        }
      }
    }
    cells.push(...round);
  }
  return cells;
}
