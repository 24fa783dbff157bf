import type { SecondSample } from '@paybench/bench-load';
import type { Phase } from '@paybench/bench-results';

/** The per-second samples that count in one phase. */
export interface PhaseSeconds {
  phase: Phase;
  /** Seconds of the measured window whose start falls in the phase, in order. */
  windowSeconds: SecondSample[];
  /**
   * Seconds after the window (the drain: late answers and timeouts of requests due in the
   * window). They belong to the last phase, whose requests they are; they never hold sends.
   */
  drainSeconds: SecondSample[];
  /** Milliseconds of the measured window covered by `windowSeconds`: the denominator of the phase's rates. */
  coveredMs: number;
}

export interface SecondsByPhase {
  phases: PhaseSeconds[];
  /** Window seconds that start before the first phase or in a gap between phases. */
  unassigned: SecondSample[];
  notes: string[];
}

/** The name given to the whole window when a cell carries no phases. */
export const WHOLE_WINDOW = 'whole window';

/**
 * Assigns each per-second sample to a phase. Sample `second` s covers [s*1000, s*1000+1000) ms
 * of the measured window and goes to the phase in which it starts; a fault that lands inside a
 * second therefore shows from the next whole second (said in `notes`). Seconds at or after
 * `durationMs` are the drain and go to the last phase. A phase's rates divide by `coveredMs`, the
 * part of the window its seconds cover (less than its nominal length if the run was cut short).
 */
export function secondsByPhase(
  perSecond: readonly SecondSample[],
  phases: readonly Phase[],
  durationMs: number,
): SecondsByPhase {
  const notes: string[] = [];
  const effective =
    phases.length > 0
      ? [...phases].sort((a, b) => a.fromMs - b.fromMs)
      : [{ name: WHOLE_WINDOW, fromMs: 0, toMs: durationMs }];
  if (phases.length === 0) notes.push(`the cell has no phases: its whole window is summarized as "${WHOLE_WINDOW}"`);
  for (const phase of effective) {
    if (phase.fromMs % 1000 !== 0) {
      notes.push(
        `phase ${phase.name} starts at ${phase.fromMs} ms, inside second ${Math.floor(phase.fromMs / 1000)}: per-second figures count it from second ${Math.ceil(phase.fromMs / 1000)}`,
      );
    }
  }
  const result: PhaseSeconds[] = effective.map((phase) => ({
    phase,
    windowSeconds: [],
    drainSeconds: [],
    coveredMs: 0,
  }));
  const unassigned: SecondSample[] = [];
  for (const sample of [...perSecond].sort((a, b) => a.second - b.second)) {
    const startMs = sample.second * 1000;
    if (startMs >= durationMs) {
      result[result.length - 1].drainSeconds.push(sample);
      continue;
    }
    const owner = result.find(({ phase }) => startMs >= phase.fromMs && startMs < phase.toMs);
    if (owner === undefined) {
      unassigned.push(sample);
      continue;
    }
    owner.windowSeconds.push(sample);
    owner.coveredMs += Math.min(startMs + 1000, durationMs) - startMs;
  }
  if (unassigned.length > 0) {
    notes.push(
      `${unassigned.length} second(s) of the window fall in no phase (${unassigned.map((s) => s.second).join(', ')}): counted in the whole-window figures only`,
    );
  }
  return { phases: result, unassigned, notes };
}
