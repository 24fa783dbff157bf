// The one rule that says whether the load generator's own lateness spoils a cell's figures. The run
// applies it when it records a cell (bench/cli/src/run/generator-lag.ts); the tables say it beside
// every lag figure. Defined once, here, so the two cannot disagree.

/**
 * Lag p99 may be at most this share of the measured p99: every measured latency runs from the
 * request's intended start, so the generator's lateness is inside it, and a tenth is the most a
 * reader should have to discount.
 */
export const LAG_SHARE_OF_P99 = 0.1;
/**
 * ...but never less than this: Node's timers fire up to about a millisecond late even on an idle
 * machine, so a limit below 2 ms would judge the timer, not the generator.
 */
export const LAG_FLOOR_MS = 2;
/** ...and never more than this, however slow the system: beyond it the generator is itself the bottleneck. */
export const LAG_CEILING_MS = 10;

export interface LagVerdict {
  /** The limit for this cell: 10% of its measured p99, at least 2 ms, at most 10 ms. */
  readonly limitMs: number;
  /** True when the lag p99 exceeds the limit: the cell is invalid. */
  readonly exceeded: boolean;
}

/**
 * A cell is invalid when its generator's schedule-lag p99 exceeds 10% of its measured p99 (floor
 * 2 ms) or 10 ms. `measuredP99Ms` is the slowest traffic class's p99 over the whole window.
 */
export function judgeGeneratorLag(lagP99Ms: number, measuredP99Ms: number): LagVerdict {
  const limitMs = Math.min(LAG_CEILING_MS, Math.max(LAG_FLOOR_MS, LAG_SHARE_OF_P99 * measuredP99Ms));
  return { limitMs, exceeded: lagP99Ms > limitMs };
}

/** The rule in words, for problems, notes and the README. */
export const LAG_RULE_TEXT = '10% of the measured p99, at least 2 ms, at most 10 ms';
