import type { CellStatus } from '@paybench/bench-results';

/**
 * The report's palette, shared by every chart so that a colour means the same thing everywhere:
 * latency p99 orange, p50 blue, answered OK green, failures red, the SLO dashed red. Chosen to
 * stay distinguishable for the common colour-vision deficiencies (blue/orange, not red/green,
 * carry the latency lines).
 */
export const COLORS = {
  text: '#1f2328',
  muted: '#59636e',
  p99: '#d9480f',
  p50: '#1c64b8',
  ok: '#2b8a3e',
  bad: '#c92a2a',
  due: '#868e96',
  /** A retrying client's attempts per second (requests due plus retries). */
  attempts: '#7048e8',
  slo: '#c92a2a',
  drain: 'rgba(134, 142, 150, 0.18)',
};

/** One colour per topology, in the layout's order (monolith first in the built-in scenarios). */
export const TOPOLOGY_COLORS = ['#1c64b8', '#d9480f', '#2b8a3e', '#7048e8', '#a61e4d', '#0b7285'];

/**
 * A phase is tinted by what its fault event did to the forwarder's sink, not by its name or
 * position (scenarios name and order phases freely): stalled red, slowed amber (fixed, rate,
 * cardinality), back to normal blue, any other change (e.g. only whenFull) grey. The first phase
 * (before any event) is not tinted.
 */
export const PHASE_TINTS = {
  none: 'rgba(0, 0, 0, 0)',
  stall: 'rgba(240, 62, 62, 0.15)',
  slow: 'rgba(250, 176, 5, 0.18)',
  normal: 'rgba(28, 126, 214, 0.10)',
  other: 'rgba(134, 142, 150, 0.14)',
};

export function phaseTint(sinkMode: string | undefined | null, first: boolean): string {
  if (first) return PHASE_TINTS.none;
  if (sinkMode === 'stall') return PHASE_TINTS.stall;
  if (sinkMode === 'normal') return PHASE_TINTS.normal;
  if (sinkMode) return PHASE_TINTS.slow;
  return PHASE_TINTS.other;
}

/** '' for an ok cell; otherwise the status in capitals, as the tables mark it. */
export function statusLabel(status: CellStatus): string {
  return status === 'ok' ? '' : status.toUpperCase();
}

/** A log-axis range in whole decades that holds every value (positive values only); [1, 1000] without any. */
export function logRange(values: readonly number[]): [number, number] {
  const positive = values.filter((v) => v > 0 && Number.isFinite(v));
  if (positive.length === 0) return [1, 1000];
  const min = 10 ** Math.floor(Math.log10(Math.min(...positive)));
  const max = 10 ** Math.ceil(Math.log10(Math.max(...positive)));
  return [min, max > min ? max : min * 10];
}

/** The smallest of 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 x 10^n that is at least `value`: a round axis maximum. */
export function niceCeiling(value: number): number {
  if (!(value > 0)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const step = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].find((s) => s * magnitude >= value * (1 - 1e-9)) ?? 10;
  return step * magnitude;
}
