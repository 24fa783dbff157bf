// The CI gate: each figure of a run against the baseline's. A regression is a figure worse than
// the baseline by more than its threshold AND beyond the noise the two measurements show; either
// alone is not enough (a noisy machine crosses thresholds, and a large sample finds tiny shifts).
import type { RunResult } from '@paybench/bench-results';
import type { Baseline, BaselineFigure } from './baseline-file.js';
import { configurationLabel } from '../summary/scenario-axes.js';
import { pairFigures, type FigurePair } from './compare-figures.js';
import { matchesPattern, thresholdFor, type Threshold } from './thresholds.js';
import type { Extraction, FigureKind } from './tracked-figure.js';

export type Track = 'ratios' | 'absolute' | 'all';

/** Whether `--track` covers figures of this kind. */
export function tracks(track: Track, kind: FigureKind): boolean {
  return track === 'all' || (track === 'ratios' ? kind === 'ratio' : kind === 'absolute');
}

/**
 * ok: within the threshold, or beyond it but not beyond noise (then `note` says so).
 * regressed / improved: beyond the threshold and beyond noise. untracked: shown, not gated (no
 * threshold, a null one, or excluded by --track). missing: in the baseline, not in the run.
 * new: in the run, not in the baseline.
 */
export type Verdict = 'ok' | 'regressed' | 'improved' | 'untracked' | 'missing' | 'new';

export interface CheckedFigure extends FigurePair<BaselineFigure> {
  /** The matching threshold (its percent null when not gated); null when no pattern matches. */
  threshold: Threshold | null;
  gated: boolean;
  verdict: Verdict;
  note: string | null;
}

export interface CheckOutcome {
  figures: CheckedFigure[];
  /** Why the run itself cannot pass (incomplete, cells left out), whatever its figures say. */
  runProblems: string[];
  /** How the run's scenario differs from the baseline's (beyond the repeat count): a warning. */
  scenarioDifferences: string[];
  /** Patterns of --thresholds that matched no figure (a typo?). */
  unusedPatterns: string[];
  passed: boolean;
}

export interface CheckOptions {
  track: Track;
  /** Put in front of the baseline's thresholds (first match wins). */
  overrides: readonly Threshold[];
}

/** Refuses a run of another scenario: its figures have other names or other meanings. */
export function assertSameScenario(baseline: Baseline, run: RunResult, baselineFile: string): void {
  if (baseline.scenario !== run.scenario.name) {
    throw new Error(
      `baseline ${baselineFile} is for scenario "${baseline.scenario}", but run ${run.runId} ran scenario "${run.scenario.name}": make a baseline of that scenario (paybench baseline <run-dir>) or check a run of "${baseline.scenario}"`,
    );
  }
}

export function checkAgainstBaseline(
  baseline: Baseline,
  run: RunResult,
  extraction: Extraction,
  options: CheckOptions,
): CheckOutcome {
  const thresholds = [...options.overrides, ...baseline.thresholds];
  const now: BaselineFigure[] = extraction.figures;
  const figures = pairFigures(baseline.figures, now).map((pair) =>
    judge(pair, thresholds, options.track, whyMissing(pair.name, extraction)),
  );
  // A profiler slows every process down: such a run measures the profiler as well.
  const profiled = (run as { profiling?: { tool?: string } }).profiling;
  const runProblems = [
    ...(extraction.incomplete ? [extraction.incomplete] : []),
    ...extraction.excluded.map((c) => `${c.key} repeat ${c.repeat} left out: ${c.reasons.join('; ')}`),
    ...(profiled
      ? [`the run was profiled (${profiled.tool ?? 'unknown tool'}): its figures include the profiler's overhead`]
      : []),
  ];
  const names = figures.map((f) => f.name);
  const unusedPatterns = options.overrides
    .filter((t) => !names.some((name) => matchesPattern(t.pattern, name)))
    .map((t) => t.pattern);
  const failing = figures.some((f) => f.verdict === 'regressed' || (f.verdict === 'missing' && f.gated));
  return {
    figures,
    runProblems,
    scenarioDifferences: scenarioDifferences(baseline, run),
    unusedPatterns,
    passed: !failing && runProblems.length === 0,
  };
}

/** Why a figure of the baseline is not in the run: its cells were left out, or its ratio could not be formed. */
function whyMissing(name: string, extraction: Extraction): string {
  const skipped = extraction.skipped.find(
    (s) => s.name === name || (s.name.endsWith('/*') && name.startsWith(s.name.slice(0, -1))),
  );
  if (skipped) return `not computed: ${skipped.reason}`;
  const leftOut = extraction.excluded.filter((c) => {
    // A key is topology/logging/load, then /preset in a scenario that lists resilience presets.
    const [topology, logging, load, preset] = c.key.split('/');
    return name.startsWith(`${configurationLabel(logging ?? '', preset)}/${load}/${topology}/`);
  });
  if (leftOut.length > 0) return `its cells were left out: repeat ${leftOut.map((c) => c.repeat).join(', ')}`;
  return 'not measured in this run';
}

function judge(
  pair: FigurePair<BaselineFigure>,
  thresholds: readonly Threshold[],
  track: Track,
  missing: string,
): CheckedFigure {
  const threshold = thresholdFor(pair.name, thresholds);
  const trackedKind = tracks(track, pair.kind);
  const gated = trackedKind && threshold !== null && threshold.percent !== null;
  const base = { ...pair, threshold, gated };
  if (pair.before === null) return { ...base, gated: false, verdict: 'new', note: 'not in the baseline' };
  if (pair.after === null || pair.change === null) return { ...base, verdict: 'missing', note: missing };
  if (!gated) {
    const why = !trackedKind
      ? `--track ${track}`
      : threshold === null
        ? 'no threshold matches'
        : `threshold ${threshold.pattern}: null`;
    return { ...base, verdict: 'untracked', note: why };
  }
  const limit = (threshold?.percent ?? 0) / 100;
  const worseBeyond = pair.direction === 'smaller' ? pair.change > 1 + limit : pair.change < 1 - limit;
  // Improvement by the same factor the other way (informative only: it never fails a check).
  const betterBeyond =
    pair.direction === 'smaller' ? pair.change < 1 / (1 + limit) : limit < 1 && pair.change > 1 / (1 - limit);
  if (!worseBeyond && !betterBeyond) return { ...base, verdict: 'ok', note: null };
  const beyondNoise = pair.noise?.beyond ?? null;
  if (beyondNoise === true) return { ...base, verdict: worseBeyond ? 'regressed' : 'improved', note: null };
  const side = worseBeyond ? 'worse' : 'better';
  return {
    ...base,
    verdict: 'ok',
    note: beyondNoise === false ? `${side} beyond threshold, within noise` : `${side} beyond threshold, noise unknown`,
  };
}

/** Top-level scenario fields that differ, other than the repeat count and the description. */
function scenarioDifferences(baseline: Baseline, run: RunResult): string[] {
  const before = baseline.scenarioDefinition as unknown as Record<string, unknown> | undefined;
  if (!before) return [];
  const after = run.scenario as unknown as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (k) => k !== 'repeat' && k !== 'description',
  );
  return keys
    .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .map((k) => `${k}: ${short(before[k])} in the baseline, ${short(after[k])} in this run`);
}

function short(value: unknown): string {
  const text = JSON.stringify(value) ?? 'absent';
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
