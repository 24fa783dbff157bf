// One second of an open-loop cell, every traffic class merged: the figures the bad-second rule
// judges, the tracked per-second latencies sample and the report's timelines plot, computed here once.
import type { SecondSample } from '@paybench/bench-load';
import { mergeEncodedHistograms } from './merged-latency.js';

export interface SecondFigures {
  second: number;
  /** Requests due in this second (sent + dropped): the offered load. */
  scheduled: number;
  sent: number;
  /** Requests that ended in this second. */
  completed: number;
  /** 2xx and 422 answers that ended in this second (a declined payment is a correct answer). */
  answeredOk: number;
  /** error (error answers, transport errors, timeouts) + dropped. */
  failed: number;
  /**
   * max(scheduled, completed): the denominator of the second's shares. The larger of the two keeps
   * a burst of late answers from hiding the second's errors. 0 when nothing was due or ended.
   */
  denominator: number;
  /**
   * Percentiles of the requests that ended in this second, from the merged histogram of every class
   * (never from the classes' own percentiles); null without a sample (a stall: nothing ended).
   */
  p50Ms: number | null;
  p99Ms: number | null;
}

/**
 * A second's figures, once per sample: the verdicts, the tracked series, the timelines and the heat map all read the
 * same seconds, and merging a second's histograms is the costly part of rendering a run (results are not mutated).
 */
const figuresOf = new WeakMap<SecondSample, SecondFigures>();

export function secondFigures(sample: SecondSample): SecondFigures {
  let figures = figuresOf.get(sample);
  if (!figures) figuresOf.set(sample, (figures = computeSecondFigures(sample)));
  return figures;
}

function computeSecondFigures(sample: SecondSample): SecondFigures {
  const classes = Object.values(sample.classes);
  const total = (pick: (c: (typeof classes)[number]) => number) => classes.reduce((sum, c) => sum + pick(c), 0);
  const histogram = mergeEncodedHistograms(classes.map((c) => c.histogram));
  const at = (percentile: number) =>
    histogram.totalCount > 0 ? histogram.getValueAtPercentile(percentile) / 1000 : null;
  const scheduled = total((c) => c.sent + c.dropped);
  const completed = total((c) => c.completed);
  return {
    second: sample.second,
    scheduled,
    sent: total((c) => c.sent),
    completed,
    answeredOk: total((c) => c.success + c.rejection),
    failed: total((c) => c.error + c.dropped),
    denominator: Math.max(scheduled, completed),
    p50Ms: at(50),
    p99Ms: at(99),
  };
}
