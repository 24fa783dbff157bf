import { decodeFromCompressedBase64, encodeIntoCompressedBase64, JsHistogram, type Histogram } from 'hdr-histogram-js';
import { createLatencyHistogram, type LatencySummary } from '@paybench/bench-load';
import type { LatencyFigures } from '@paybench/bench-results';

/**
 * Adds up encoded histograms (e.g. the per-second histograms of every class in a phase) into one,
 * built like the load generator's so that bucket boundaries match and adding is exact.
 */
export function mergeEncodedHistograms(encodings: Iterable<string>): Histogram {
  const merged = createLatencyHistogram();
  for (const encoding of encodings) merged.add(decodeFromCompressedBase64(encoding, 32, false));
  return merged;
}

/** Percentiles of a histogram of microseconds, converted to milliseconds; null when it is empty. */
export function latencyFigures(histogram: Histogram): LatencyFigures {
  const empty = histogram.totalCount === 0;
  const at = (percentile: number) => (empty ? null : histogram.getValueAtPercentile(percentile) / 1000);
  return {
    count: histogram.totalCount,
    p50Ms: at(50),
    p90Ms: at(90),
    p99Ms: at(99),
    p999Ms: at(99.9),
    maxMs: empty ? null : histogram.maxValue / 1000,
    histogram: encodeIntoCompressedBase64(histogram),
  };
}

/**
 * A latency summary the load generator already computed (closed loop), in milliseconds, with the
 * same null-when-empty rule as {@link latencyFigures}. The histogram is kept as it was recorded.
 */
export function latencyFiguresFromSummary(summary: LatencySummary): LatencyFigures {
  const empty = summary.count === 0;
  const ms = (micros: number) => (empty ? null : micros / 1000);
  return {
    count: summary.count,
    p50Ms: ms(summary.p50),
    p90Ms: ms(summary.p90),
    p99Ms: ms(summary.p99),
    p999Ms: ms(summary.p999),
    maxMs: ms(summary.max),
    histogram: summary.histogram,
  };
}

/**
 * Number of samples slower than `limitMicros`. A histogram only knows buckets (0.1% wide), so a
 * sample counts as slower when its bucket reaches above the limit: samples up to 0.1% below the
 * limit may count as slower, never the other way round. This is the same rounding as
 * getValueAtPercentile (which returns a bucket's upper end), so "p99 > limit" and "more than 1%
 * of samples above the limit" always agree.
 */
export function countSamplesAbove(histogram: Histogram, limitMicros: number): number {
  if (!(histogram instanceof JsHistogram))
    throw new TypeError('countSamplesAbove needs a JavaScript (not WebAssembly) histogram');
  if (limitMicros >= histogram.highestTrackableValue) return 0;
  const limitIndex = histogram.countsArrayIndex(limitMicros);
  const firstIndexAbove = histogram.highestEquivalentValue(limitMicros) > limitMicros ? limitIndex : limitIndex + 1;
  let above = 0;
  for (let index = firstIndexAbove; index < histogram.countsArrayLength; index++)
    above += histogram.getCountAtIndex(index);
  return above;
}
