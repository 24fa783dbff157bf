// The one rule for which repeats of a (logging, load, topology) its figures are taken over, and the
// ratio of two such figures. The topology comparison (tables, report, verdicts) and the tracked
// figures (baseline, check) both choose through here, so that they cannot disagree about a repeat;
// they differ only in what they do with invalid repeats, and say so by passing `invalid`.
import type { CellSummary, MedianBasis } from '@paybench/bench-results';

/**
 * What happens to invalid repeats (status other than ok):
 * - `fall back`: used, and marked (basis `invalid only`), when no repeat of the group is valid: a
 *   table shows an invalid topology's figures marked rather than a blank;
 * - `leave out`: never used: a baseline or a regression check must not rest on an invalid cell.
 * A repeat that measured nothing (no load result) is never used under either rule.
 */
export type InvalidRepeats = 'fall back' | 'leave out';

export interface ChosenRepeats {
  /** `none` when no repeat is used (nothing measured, or under `leave out` nothing valid). */
  basis: MedianBasis;
  /** The repeats the figures are taken over, in the order given. */
  used: CellSummary[];
  /** The others, in the order given, each with why it was left out. */
  excluded: { summary: CellSummary; reason: string }[];
}

/**
 * Chooses among the repeats of one group: the valid ones that measured something; when there is
 * none, under `fall back`, the invalid ones that measured something. Under `leave out` every
 * repeat is judged alone, so the rule may be applied to a whole run at once.
 */
export function chooseRepeats(repeats: readonly CellSummary[], invalid: InvalidRepeats): ChosenRepeats {
  // A stepped cell measures its curve and capacity, not `traffic`.
  const measured = repeats.filter((s) => s.traffic !== null || s.capacity !== undefined);
  const valid = measured.filter((s) => s.valid);
  const fallBack = valid.length === 0 && invalid === 'fall back';
  const used = fallBack ? measured : valid;
  const basis: MedianBasis = valid.length > 0 ? 'valid' : used.length > 0 ? 'invalid only' : 'none';
  return {
    basis,
    used,
    excluded: repeats.filter((s) => !used.includes(s)).map((summary) => ({ summary, reason: leftOutBecause(summary) })),
  };
}

/** Why a repeat is not used: its status first (an invalid cell is invalid whatever it measured). */
function leftOutBecause(summary: CellSummary): string {
  if (summary.valid) return 'no load result: nothing was measured';
  return `${summary.status}: ${summary.problems.join('; ') || 'no detail'}`;
}

/**
 * numerator / denominator, e.g. of two medians over repeats (a ratio of medians, so that one noisy
 * repeat moves it less than it would move a mean); null when either is unknown or the denominator is 0.
 */
export function ratio(numerator: number | null | undefined, denominator: number | null | undefined): number | null {
  return numerator != null && denominator != null && denominator !== 0 ? numerator / denominator : null;
}
