// One cell's blast radius: every traffic class in every phase of the fault timeline.
import type { OpenLoopResult } from '@paybench/bench-load';
import type { Phase } from '@paybench/bench-results';
import { RECOVERY_GOOD_SECONDS } from '../summary/second-verdicts.js';
import { secondsByPhase } from '../summary/phase-seconds.js';
import { trafficFigures, type SloContext } from '../summary/traffic-figures.js';
import { classSeconds, type ClassSecond } from './class-seconds.js';

/**
 * One class in one phase of one cell. Times are whole seconds (the per-second samples'), in ms:
 * - `availability`: the phase's share of the class's due requests answered 2xx/422 within the SLO (the phase's
 *   `withinSlo.availability`, see WithinSlo);
 * - `impactMs`: from the phase start to the start of the first second of the phase in which the class was hit
 *   (served within the SLO below HIT_BELOW_SHARE, see ClassSecond); null when no second of the phase was. An
 *   outage under way when the phase starts (hit in each of its last CARRIED_HIT_SECONDS seconds) belongs to the
 *   phase before (its fault): the phase's own impact is looked for only after that outage recovered;
 * - `downMs`: from that first hit second to the first of RECOVERY_GOOD_SECONDS seconds in a row that were not
 *   hit (looked for until the end of the window, across later phases): how long the class was down;
 * - `recoveryMs`: from the fault's lift (the start of the next phase) to that same recovered second; 0 when it
 *   had recovered before the lift; null when the phase is the last (nothing lifted it) or there was no recovery.
 */
export interface ClassPhaseFigures {
  className: string;
  phase: string;
  availability: number | null;
  p99Ms: number | null;
  hitSeconds: number;
  impactMs: number | null;
  downMs: number | null;
  recoveryMs: number | null;
  /**
   * not hit: no second of the phase was hit. carried: only by an outage under way when the phase started.
   * recovered: RECOVERY_GOOD_SECONDS good seconds in a row after the first hit. never: still hit in the last
   * second of the window. not observed: the window ended too soon after.
   */
  outcome: 'not hit' | 'carried' | 'recovered' | 'never' | 'not observed';
}

/** An outage counts as carried into a phase when the class was hit in each of this many seconds before it. */
export const CARRIED_HIT_SECONDS = RECOVERY_GOOD_SECONDS;

export interface CellBlast {
  classes: string[];
  phases: string[];
  figures: ClassPhaseFigures[];
}

/** The blast radius of an open-loop cell, from its raw per-second samples; its class order is the generator's. */
export function cellBlast(result: OpenLoopResult, phases: readonly Phase[], slo: SloContext): CellBlast {
  const split = secondsByPhase(result.perSecond, phases, result.durationMs);
  const classes = Object.keys(result.classes);
  const windowSeconds = result.perSecond.filter((s) => s.second * 1000 < result.durationMs);
  const figures = classes.flatMap((className) => {
    const seconds = classSeconds(windowSeconds, className, slo);
    return split.phases.map((p, index) => {
      const inPhase = [...p.windowSeconds, ...p.drainSeconds].flatMap((s) =>
        s.classes[className] ? [s.classes[className]] : [],
      );
      const traffic = trafficFigures(inPhase, p.coveredMs, slo);
      const own = new Set(p.windowSeconds.map((s) => s.second));
      const lift = split.phases[index + 1]?.phase.fromMs ?? null;
      return {
        className,
        phase: p.phase.name,
        availability: traffic.withinSlo.availability,
        p99Ms: traffic.latency.p99Ms,
        ...outage(
          seconds,
          seconds.filter((s) => own.has(s.second)),
          p.phase.fromMs,
          lift,
        ),
      };
    });
  });
  return { classes, phases: split.phases.map((p) => p.phase.name), figures };
}

function outage(
  all: readonly ClassSecond[],
  inPhase: readonly ClassSecond[],
  fromMs: number,
  liftMs: number | null,
): Pick<ClassPhaseFigures, 'hitSeconds' | 'impactMs' | 'downMs' | 'recoveryMs' | 'outcome'> {
  const hitSeconds = inPhase.filter((s) => s.hit).length;
  const earlier = inPhase.length > 0 ? all.filter((s) => s.second < inPhase[0].second) : [];
  // Carried over: hit in each of the last CARRIED_HIT_SECONDS seconds before the phase. A shorter blip just before
  // a fault event (noise, or the same fault's first sign) would otherwise hide the fault's own impact.
  const tail = earlier.slice(-CARRIED_HIT_SECONDS);
  const before = tail.length === CARRIED_HIT_SECONDS && tail.every((s) => s.hit) ? tail.at(-1) : undefined;
  // An outage carried over from the phase before: this phase's own impact can only come after it recovered.
  const carriedUntil = before?.hit ? recoveredAfter(all, before.second) : null;
  const own = before?.hit ? inPhase.filter((s) => carriedUntil !== null && s.second >= carriedUntil) : inPhase;
  const first = own.find((s) => s.hit);
  if (!first) {
    const outcome = before?.hit && hitSeconds > 0 ? 'carried' : 'not hit';
    return { hitSeconds, impactMs: null, downMs: null, recoveryMs: null, outcome };
  }
  const impactMs = Math.max(0, first.second * 1000 - fromMs);
  const back = recoveredAfter(all, first.second);
  if (back !== null) {
    return {
      hitSeconds,
      impactMs,
      downMs: (back - first.second) * 1000,
      recoveryMs: liftMs === null ? null : Math.max(0, back * 1000 - liftMs),
      outcome: 'recovered',
    };
  }
  const stillHit = all.at(-1)?.hit ?? false;
  return { hitSeconds, impactMs, downMs: null, recoveryMs: null, outcome: stillHit ? 'never' : 'not observed' };
}

/** The first of RECOVERY_GOOD_SECONDS consecutive seconds not hit after `second`; null when the window has none. */
function recoveredAfter(all: readonly ClassSecond[], second: number): number | null {
  const after = all.filter((s) => s.second > second);
  for (let i = 0; i + RECOVERY_GOOD_SECONDS <= after.length; i++) {
    const run = after.slice(i, i + RECOVERY_GOOD_SECONDS);
    if (run.every((s, k) => !s.hit && s.second === run[0].second + k)) return run[0].second;
  }
  return null;
}
