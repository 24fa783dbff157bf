// The unit of CI performance tracking: one named number with the samples that say how much it
// moves on its own. Names are stable across runs of the same scenario, so that a baseline file,
// a dashboard series and a threshold pattern can all refer to them.
import type { CellStatus } from '@paybench/bench-results';

/** Which way is better. */
export type Direction = 'smaller' | 'bigger';

/**
 * absolute: a figure of one topology under one logging configuration and load. ratio: one
 * topology (or logging configuration) divided by another measured in the same run, which cancels
 * most of the machine's speed and so travels between machines better.
 */
export type FigureKind = 'absolute' | 'ratio';

export interface TrackedFigure {
  /** e.g. `broken/open-50/monolith/whole/p99_ms`, `ratio/broken/open-50/microservices:monolith/cpu_ms_per_req`. */
  name: string;
  kind: FigureKind;
  /** ms, %, ms/req, MiB, req/s, lines, x (a ratio). */
  unit: string;
  direction: Direction;
  /** Median over the valid repeats (a ratio: median of the numerator's repeats / median of the denominator's). */
  value: number;
  /** One value per valid repeat (a ratio: numerator / denominator of the same repeat), in repeat order. */
  repeats: number[];
  /**
   * The figure for each second of the window (latency of open-loop cells; a ratio pairs the same
   * second of the same repeat), over every valid repeat: a noise estimate even for one repeat.
   * Seconds are not independent (a slow second tends to follow a slow second), so a test on them
   * overstates certainty; repeats are preferred whenever both runs have two or more.
   */
  perSecond?: number[];
  /** How it is measured, in a few words. */
  how: string;
}

/** A cell left out of tracking, and why. */
export interface ExcludedCell {
  key: string;
  repeat: number;
  status: CellStatus;
  reasons: string[];
}

export interface Extraction {
  scenario: string;
  runId: string;
  /** Null when the run ran to the end; otherwise why not (figures are then partial). */
  incomplete: string | null;
  figures: TrackedFigure[];
  /** Cells not counted: status other than ok, or no load result. */
  excluded: ExcludedCell[];
  /** Figures that could not be computed (a zero or unknown denominator...), and why. */
  skipped: { name: string; reason: string }[];
}
