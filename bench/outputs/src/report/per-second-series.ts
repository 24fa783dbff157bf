import type { OpenLoopResult } from '@paybench/bench-load';
import { secondFigures } from '@paybench/bench-analysis';

/** One second of an open-loop cell, all traffic classes together: what the timelines plot. */
export interface SecondPoint {
  second: number;
  /** Of the requests that ended in this second (merged histogram of every class); null without samples. */
  p50Ms: number | null;
  p99Ms: number | null;
  /** Requests due in this second (sent + dropped): the offered load. */
  due: number;
  /** 2xx and 422 answers that ended in this second (a declined payment is a correct answer). */
  answeredOk: number;
  /** Error answers, requests with no answer (timeouts included) and requests dropped by the generator. */
  failed: number;
  /** answeredOk / max(due, ended): null when nothing was due or ended. Same denominator as the bad-second rule. */
  okShare: number | null;
  /** Attempts the system was asked for: client requests sent (by intended start) plus retries sent in this second. */
  attempts: number;
}

/**
 * The per-second samples of a cell as the charts need them, from the analysis's one reading of a
 * second (`secondFigures`: percentiles of the second's merged histogram, never an average of the
 * classes' own percentiles, and the bad-second rule's denominator). A stall therefore shows
 * as seconds with requests due and nothing answered (no latency point at all), then a second
 * with a burst of slow answers or timeouts.
 */
export function perSecondSeries(result: OpenLoopResult): SecondPoint[] {
  return [...result.perSecond]
    .sort((a, b) => a.second - b.second)
    .map((sample) => {
      const { second, p50Ms, p99Ms, scheduled, answeredOk, failed, denominator } = secondFigures(sample);
      return {
        second,
        p50Ms,
        p99Ms,
        due: scheduled,
        answeredOk,
        failed,
        okShare: denominator > 0 ? answeredOk / denominator : null,
        attempts: Object.values(sample.classes).reduce((sum, c) => sum + c.sent + (c.retries ?? 0), 0),
      };
    });
}
