// Each traffic class second by second: how much of it was served within the SLO, and whether the class was hit.
import type { SecondClassSample, SecondSample } from '@paybench/bench-load';
import { countSamplesAbove, mergeEncodedHistograms } from '../summary/merged-latency.js';
import type { SloContext } from '../summary/traffic-figures.js';

/**
 * A class is hit in a second when less than this share of it was served within the SLO. One request in a hundred:
 * at the built-in scenarios' rates (tens of requests per class and second) a single failed or slow request.
 */
export const HIT_BELOW_SHARE = 0.99;

export interface ClassSecond {
  second: number;
  /**
   * Share of the class served within the SLO in this second; null when nothing was due or ended. It is
   *   0                                       when requests were due and none ended (a stall: nothing was served);
   *   1 - min(1, unserved / max(due, ended))  otherwise, unserved = errors (error answers, transport errors,
   *                                           timeouts) + dropped + answers slower than the SLO.
   * It counts what went wrong rather than what went right: a request due at the end of one second and answered
   * early in the next is neither a loss in the first nor a gain in the second (good / due would call it both).
   * An error answer slower than the SLO counts twice (a lower bound, as for the phases' within-SLO share).
   */
  servedShare: number | null;
  hit: boolean;
}

/** The class's seconds, in order, from the cell's per-second samples (a second without the class is skipped). */
export function classSeconds(perSecond: readonly SecondSample[], className: string, slo: SloContext): ClassSecond[] {
  return [...perSecond]
    .sort((a, b) => a.second - b.second)
    .flatMap((sample) => {
      const figures = sample.classes[className];
      if (!figures) return [];
      const servedShare = servedWithinSlo(figures, slo);
      return [{ second: sample.second, servedShare, hit: servedShare !== null && servedShare < HIT_BELOW_SHARE }];
    });
}

function servedWithinSlo(sample: SecondClassSample, slo: SloContext): number | null {
  const due = sample.sent + sample.dropped;
  const denominator = Math.max(due, sample.completed);
  if (denominator === 0) return null;
  if (sample.sent > 0 && sample.completed === 0) return 0;
  const aboveSlo = countSamplesAbove(mergeEncodedHistograms([sample.histogram]), slo.sloP99Ms * 1000);
  // Timeouts are recorded at the timeout, above the SLO, and already among the errors: count them once.
  const timeouts =
    slo.requestTimeoutMs !== null && slo.requestTimeoutMs > slo.sloP99Ms ? sample.errorsByKind.timeout : 0;
  const slowAnswers = Math.max(0, aboveSlo - timeouts);
  const unserved = sample.error + sample.dropped + slowAnswers;
  return 1 - Math.min(1, unserved / denominator);
}
