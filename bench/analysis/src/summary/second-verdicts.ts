import type { SecondSample } from '@paybench/bench-load';
import type { ImpactTiming, Phase, RecoveryTiming, SecondVerdict } from '@paybench/bench-results';
import { formatMs } from './format-units.js';
import type { PhaseSeconds } from './phase-seconds.js';
import { secondFigures } from './second-figures.js';

/** Above this share of failed requests in a second, the second is bad. */
export const BAD_SECOND_FAILURE_SHARE = 0.01;
/** Consecutive good seconds that count as recovered. */
export const RECOVERY_GOOD_SECONDS = 3;

/**
 * Judges every window second of every phase (drain seconds are not judged: they hold no sends,
 * so a stalled system would look idle and fine there). A second is bad when any of:
 * - its p99 (all classes merged) is above the SLO;
 * - failed / max(scheduled, completed) > 1%, with failed = error + dropped (`error` includes
 *   timeouts); the larger denominator keeps a burst of late answers from hiding its errors;
 * - requests were sent and none completed: a stall, whose latency only shows when it ends.
 */
export function judgeSeconds(phases: readonly PhaseSeconds[], sloP99Ms: number): SecondVerdict[] {
  return phases.flatMap(({ phase, windowSeconds }) =>
    windowSeconds.map((sample) => judgeSecond(sample, phase.name, sloP99Ms)),
  );
}

function judgeSecond(sample: SecondSample, phase: string, sloP99Ms: number): SecondVerdict {
  const { scheduled, sent, completed, failed, denominator, p99Ms } = secondFigures(sample);
  const failedShare = denominator > 0 ? failed / denominator : null;

  const reasons: string[] = [];
  if (p99Ms !== null && p99Ms > sloP99Ms) reasons.push(`p99 ${formatMs(p99Ms)} ms > SLO ${sloP99Ms} ms`);
  if (failedShare !== null && failedShare > BAD_SECOND_FAILURE_SHARE)
    reasons.push(`${failed} of ${denominator} failed or dropped`);
  if (sent > 0 && completed === 0) reasons.push(`${sent} sent, none completed`);
  return {
    second: sample.second,
    phase,
    scheduled,
    sent,
    completed,
    failed,
    failedShare,
    p99Ms,
    bad: reasons.length > 0,
    reasons,
  };
}

/**
 * Time to impact of one phase: the first bad second among the window seconds counted in it (an
 * effect that only shows after the next fault event belongs to that next phase).
 */
export function timeToImpact(verdicts: readonly SecondVerdict[], phase: Phase): ImpactTiming {
  const first = verdicts.find((v) => v.phase === phase.name && v.bad);
  return { phase: phase.name, ms: first ? first.second * 1000 - phase.fromMs : null, second: first?.second ?? null };
}

/** Time to recover, measured in the last phase (the one started by the last fault event). */
export function timeToRecover(verdicts: readonly SecondVerdict[], phase: Phase): RecoveryTiming {
  const seconds = verdicts.filter((v) => v.phase === phase.name);
  for (let i = 0; i + RECOVERY_GOOD_SECONDS <= seconds.length; i++) {
    const run = seconds.slice(i, i + RECOVERY_GOOD_SECONDS);
    const consecutive = run.every((v, k) => v.second === run[0].second + k);
    if (consecutive && run.every((v) => !v.bad)) {
      const ms = run[0].second * 1000 - phase.fromMs;
      return {
        phase: phase.name,
        ms,
        outcome: 'recovered',
        detail: `${RECOVERY_GOOD_SECONDS} good seconds in a row from second ${run[0].second}`,
      };
    }
  }
  const last = seconds.at(-1);
  if (seconds.length < RECOVERY_GOOD_SECONDS || last === undefined) {
    return {
      phase: phase.name,
      ms: null,
      outcome: 'not observed',
      detail: `the phase has only ${seconds.length} second(s) of data`,
    };
  }
  if (last.bad)
    return {
      phase: phase.name,
      ms: null,
      outcome: 'never',
      detail: `still bad in the last second of the window (${last.reasons.join('; ')})`,
    };
  return {
    phase: phase.name,
    ms: null,
    outcome: 'not observed',
    detail: `the window ended less than ${RECOVERY_GOOD_SECONDS} s after the last bad second`,
  };
}
