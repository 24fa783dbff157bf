import { z } from 'zod';

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000 };
const PATTERN = /^(\d+(?:\.\d+)?)(ms|s|m)$/;
const EXPECTED = 'expected a duration such as 500ms, 30s or 2m (or a number of seconds)';

/** A duration written as `500ms`, `30s`, `2m` or a number of seconds; parsed to milliseconds. */
export const Duration = z.union([z.number(), z.string()], { error: EXPECTED }).transform((value, ctx) => {
  if (typeof value === 'number') {
    if (value >= 0 && Number.isFinite(value)) return Math.round(value * 1000);
  } else {
    const match = PATTERN.exec(value.trim());
    if (match) return Math.round(Number(match[1]) * (UNITS[match[2] as string] as number));
  }
  ctx.addIssue({ code: 'custom', message: `${EXPECTED}, got ${JSON.stringify(value)}` });
  return z.NEVER;
});

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  const s = ms / 1000;
  return s < 120 ? `${Number(s.toFixed(1))}s` : `${Math.floor(s / 60)}m${Math.round(s % 60)}s`;
}
