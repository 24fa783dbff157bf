import { build, encodeIntoCompressedBase64, type Histogram } from 'hdr-histogram-js';

/** Latencies are recorded as integer microseconds: HDR histograms hold integers only. */
export const LOWEST_TRACKABLE_MICROS = 1;
/**
 * 120 s: longer than any timeout a cell would use. A fixed range (no auto-resize) keeps every
 * histogram of a run mergeable and its encoding comparable.
 */
export const HIGHEST_TRACKABLE_MICROS = 120_000_000;

/** Percentiles and extremes of one histogram, all in microseconds. */
export interface LatencySummary {
  /** Number of latency samples recorded. */
  count: number;
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  max: number;
  /** The whole distribution: HdrHistogram's compressed base64 encoding, readable by any HdrHistogram port. */
  histogram: string;
}

/**
 * Three significant digits: each value is kept within 0.1% (16 µs at 20 ms). The pure JavaScript
 * implementation is used: the WebAssembly one needs an asynchronous init and manual freeing for a
 * gain that does not matter at these rates.
 */
export function createLatencyHistogram(): Histogram {
  return build({
    bitBucketSize: 32,
    autoResize: false,
    lowestDiscernibleValue: LOWEST_TRACKABLE_MICROS,
    highestTrackableValue: HIGHEST_TRACKABLE_MICROS,
    numberOfSignificantValueDigits: 3,
    useWebAssembly: false,
  });
}

/**
 * Records a duration given in (fractional) milliseconds. A value beyond the range is clamped to
 * the highest trackable value rather than dropped: losing the worst sample would flatter the tail.
 */
export function recordMillis(histogram: Histogram, millis: number): void {
  const micros = Math.round(millis * 1000);
  histogram.recordValue(Math.min(HIGHEST_TRACKABLE_MICROS, Math.max(0, micros)));
}

export function summarizeLatency(histogram: Histogram): LatencySummary {
  return {
    count: histogram.totalCount,
    p50: histogram.getValueAtPercentile(50),
    p90: histogram.getValueAtPercentile(90),
    p99: histogram.getValueAtPercentile(99),
    p999: histogram.getValueAtPercentile(99.9),
    max: histogram.maxValue,
    histogram: encodeIntoCompressedBase64(histogram),
  };
}
