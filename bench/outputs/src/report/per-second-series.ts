import type { OpenLoopResult } from '@paybench/bench-load';
import { mergeEncodedHistograms } from '@paybench/bench-analysis';

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
}

/**
 * The per-second samples of a cell as the charts need them. Percentiles come from the second's
 * merged histogram (never from averaging the classes' own percentiles). A stall therefore shows
 * as seconds with requests due and nothing answered (no latency point at all), then a second
 * with a burst of slow answers or timeouts.
 */
export function perSecondSeries(result: OpenLoopResult): SecondPoint[] {
  return [...result.perSecond]
    .sort((a, b) => a.second - b.second)
    .map((sample) => {
      const classes = Object.values(sample.classes);
      const total = (pick: (c: (typeof classes)[number]) => number) => classes.reduce((sum, c) => sum + pick(c), 0);
      const histogram = mergeEncodedHistograms(classes.map((c) => c.histogram));
      const at = (percentile: number) =>
        histogram.totalCount > 0 ? histogram.getValueAtPercentile(percentile) / 1000 : null;
      const due = total((c) => c.sent + c.dropped);
      const ended = total((c) => c.completed);
      const answeredOk = total((c) => c.success + c.rejection);
      const base = Math.max(due, ended);
      return {
        second: sample.second,
        p50Ms: at(50),
        p99Ms: at(99),
        due,
        answeredOk,
        failed: total((c) => c.error + c.dropped),
        okShare: base > 0 ? answeredOk / base : null,
      };
    });
}
