// Short renderings of tracked figures for the compare and check tables. A missing value prints
// as '-', never as 0.
import { formatMs, formatRate } from '@paybench/bench-analysis';

/** A value with its unit, at the precision that unit deserves. */
export function formatValue(value: number | null | undefined, unit: string): string {
  if (value === null || value === undefined) return '-';
  switch (unit) {
    case 'ms':
      return `${formatMs(value)} ms`;
    case 'ms/req':
      return `${value.toFixed(value < 10 ? 2 : 1)} ms/req`;
    case '%':
      // Truncated, not rounded: "100" only when nothing at all was lost.
      return `${value >= 100 ? '100' : (Math.floor(value * 100) / 100).toFixed(2)} %`;
    case 'x':
      // Three significant digits below 0.1 (a p99 of 8 ms against 2003 ms is x0.00437, not x0.00).
      return `x${value > 0 && value < 0.1 ? Number(value.toPrecision(3)) : value.toFixed(value < 10 ? 2 : 1)}`;
    case 'MiB':
      return `${value.toFixed(1)} MiB`;
    case 'req/s':
      return `${formatRate(value)} req/s`;
    default:
      return `${Number(value.toPrecision(4))} ${unit}`;
  }
}

/** A change (after / before) as a signed percentage; `from 0` when the baseline was 0. */
export function formatChange(change: number | null): string {
  if (change === null) return '-';
  if (change === Infinity) return 'from 0';
  const percent = (change - 1) * 100;
  if (Math.abs(percent) < 0.05) return '0.0%';
  return `${percent > 0 ? '+' : ''}${percent.toFixed(Math.abs(percent) < 10 ? 1 : 0)}%`;
}

/** A threshold as the worsening it allows: `+50%` for smaller-is-better figures, `-2%` for bigger-is-better ones. */
export function formatThreshold(percent: number | null | undefined, direction: 'smaller' | 'bigger'): string {
  if (percent === null || percent === undefined) return '-';
  return `${direction === 'smaller' ? '+' : '-'}${percent}%`;
}
