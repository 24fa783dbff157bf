import type { CellStatus } from '@paybench/bench-results';
import type { Problem } from './cell-problems.js';

/** What decides a cell's status once it is over. */
export interface CellOutcome {
  /** Ctrl-C or SIGTERM arrived while (or before) the cell ran. */
  readonly interrupted: boolean;
  /** The load generator returned its result: there are figures to judge. */
  readonly loadEnded: boolean;
  readonly problems: readonly Problem[];
}

/**
 * Interrupted wins (its figures cover only the part that ran); a cell whose load did not end has no
 * figures (failed); a cell with figures is invalid when any of its problems disqualifies them.
 */
export function cellStatus(outcome: CellOutcome): CellStatus {
  if (outcome.interrupted) return 'interrupted';
  if (!outcome.loadEnded) return 'failed';
  return outcome.problems.some((p) => p.disqualifies) ? 'invalid' : 'ok';
}
