// Short, fixed-precision renderings for the terminal table. Unknown values print as '-', never
// as 0: a missing figure must not read as a good one.

const UNKNOWN = '-';

/** Milliseconds: 2 decimals below 10 ms, 1 below 100 ms, whole above. */
export function formatMs(ms: number | null): string {
  if (ms === null) return UNKNOWN;
  if (ms < 10) return ms.toFixed(2);
  if (ms < 100) return ms.toFixed(1);
  return Math.round(ms).toString();
}

/** Microseconds (the load generator's unit), shown as milliseconds. */
export function formatMicrosAsMs(micros: number | null): string {
  return formatMs(micros === null ? null : micros / 1000);
}

/** Requests per second: 1 decimal below 100, whole above. */
export function formatRate(perSecond: number | null): string {
  if (perSecond === null) return UNKNOWN;
  return perSecond < 100 ? perSecond.toFixed(1) : Math.round(perSecond).toString();
}

/**
 * A share (0..1) as a percentage with 1 decimal, truncated rather than rounded: 99.96% shows as
 * 99.9, so that "100" appears only when nothing at all was lost.
 */
export function formatPercent(share: number | null): string {
  if (share === null) return UNKNOWN;
  if (share >= 1) return '100';
  return (Math.floor(share * 1000) / 10).toFixed(1);
}

/** Bytes as MiB with 1 decimal. */
export function formatMiB(bytes: number | null): string {
  return bytes === null ? UNKNOWN : (bytes / 1024 / 1024).toFixed(1);
}

/**
 * A ratio as `x3.2`: 2 decimals below 1, 1 below 10, none from 10 on (2 significant digits up to x99); `x?` when
 * unknown. The ratio and both bounds of its interval print by this one rule (see format-interval.ts).
 */
export function formatRatio(ratio: number | null): string {
  if (ratio === null) return 'x?';
  // Rounding can carry a value into the next band (0.998 to 1.00, 9.97 to 10.0): it then prints as that band does
  // (`x1.0`, `x10`), so that the bounds of `x1.0 [1.0-1.0]` read alike.
  const carried = Number(ratio.toFixed(ratioDecimals(ratio)));
  return `x${ratio.toFixed(ratioDecimals(carried))}`;
}

function ratioDecimals(value: number): number {
  return value < 1 ? 2 : value < 10 ? 1 : 0;
}

/** Milliseconds as seconds with 1 decimal, for durations such as time to impact. */
export function formatSeconds(ms: number | null): string {
  return ms === null ? UNKNOWN : `${(ms / 1000).toFixed(1)} s`;
}
