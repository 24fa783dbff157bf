// How much worse than the baseline a figure may get before `paybench check` calls it a
// regression: a percentage per figure-name pattern, first match wins. The defaults are copied
// into every baseline file, so a baseline keeps the thresholds it was made with; a thresholds
// file given to `check` overrides them pattern by pattern.
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';

export interface Threshold {
  /** Figure-name glob: `*` matches any run of characters, slashes included. */
  pattern: string;
  /** Allowed worsening in percent of the baseline value; null: shown but never gated. */
  percent: number | null;
}

/**
 * The defaults, for a noisy 2-core machine. Ratios between topologies (or logging
 * configurations) of one run cancel most of the machine's speed, so they are gated about twice as
 * tightly as the same absolute figure, which also moves with the machine, its load and its CPU
 * model. p99 gets twice the room of p50: at 100 req/s it rests on the slowest few dozen requests.
 * Figures that are coarse or censored (1-second timings), counts that are 0 in most runs, and
 * availability within one fault phase (a handful of seconds of one stall) are shown, not gated.
 */
export const DEFAULT_THRESHOLDS: readonly Threshold[] = [
  { pattern: '*/time_to_impact_ms', percent: null },
  { pattern: '*/time_to_recover_ms', percent: null },
  { pattern: '*/log_lines_dropped', percent: null },
  { pattern: 'ratio/*/peak_rss_mib', percent: 15 },
  { pattern: 'ratio/*/cpu_ms_per_req', percent: 20 },
  { pattern: 'ratio/*_availability', percent: 10 },
  { pattern: 'ratio/*p99_ms', percent: 50 },
  // Capacity moves in whole steps (x1.5 in the built-in scenario: -33% for one step): one step is
  // within a noisy machine's reach, two steps (-56%) are not.
  { pattern: 'ratio/*/capacity_rps', percent: 40 },
  { pattern: 'ratio/*', percent: 25 },
  { pattern: '*/whole/availability', percent: 5 },
  { pattern: '*/whole/slo_availability', percent: 10 },
  { pattern: '*/availability', percent: null },
  { pattern: '*/slo_availability', percent: null },
  { pattern: '*/peak_rss_mib', percent: 25 },
  { pattern: '*/throughput_rps', percent: 30 },
  { pattern: '*/capacity_rps', percent: 40 },
  { pattern: '*/cpu_ms_per_req', percent: 50 },
  { pattern: '*/p99_ms', percent: 100 },
  { pattern: '*_ms', percent: 50 },
];

const PATTERN = /^[A-Za-z0-9_.:/*-]+$/;

/** Whether `name` matches the glob `pattern` (`*`: any characters, slashes included). */
export function matchesPattern(pattern: string, name: string): boolean {
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`).test(name);
}

/** The first threshold whose pattern matches; null when none does (the figure is not gated). */
export function thresholdFor(name: string, thresholds: readonly Threshold[]): Threshold | null {
  return thresholds.find((t) => matchesPattern(t.pattern, name)) ?? null;
}

/** Checks one (pattern, percent) entry; returns what is wrong, or null. */
export function thresholdProblem(pattern: unknown, percent: unknown): string | null {
  if (typeof pattern !== 'string' || !PATTERN.test(pattern)) {
    return `${JSON.stringify(pattern)}: a pattern may hold letters, digits, - _ . : / and * (any characters) only`;
  }
  if (
    percent !== null &&
    (typeof percent !== 'number' || !Number.isFinite(percent) || percent <= 0 || percent > 1000)
  ) {
    return `${JSON.stringify(pattern)}: expected a percentage above 0 and at most 1000 (e.g. 25), or null for "shown, not gated"; got ${JSON.stringify(percent)}`;
  }
  return null;
}

/**
 * Reads a thresholds file (JSON, or YAML for any other extension): a mapping from figure-name
 * pattern to percentage, e.g. `{ "ratio/*": 20, "*_ms": 80, "*_dropped": null }`, kept in file
 * order (first match wins). Every error names the file and the entry.
 */
export function readThresholdsFile(file: string): Threshold[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read thresholds file ${file}: ${(error as Error).message}`, { cause: error });
  }
  let parsed: unknown;
  try {
    parsed = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new Error(`${file}: not valid ${file.endsWith('.json') ? 'JSON' : 'YAML'}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error(`${file}: expected a mapping of figure-name patterns to percentages, e.g. "ratio/*": 20`);
  }
  return Object.entries(parsed as Record<string, unknown>).map(([pattern, percent]) => {
    const problem = thresholdProblem(pattern, percent);
    if (problem) throw new Error(`${file}: ${problem}`);
    return { pattern, percent: percent as number | null };
  });
}
