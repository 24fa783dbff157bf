// The baseline file (schema `paybench/baseline`, version 1): what `paybench check` compares a
// run against. Small and diff-friendly rather than a copy of result.json: one line per figure
// and per threshold, values to 4 significant digits (HDR histograms are exact to 3).
import { readFileSync } from 'node:fs';
import type { RunEnvironment, RunResult } from '@paybench/bench-results';
import type { Scenario } from '@paybench/bench-scenario';
import type { ComparableFigure } from './compare-figures.js';
import { DEFAULT_THRESHOLDS, thresholdProblem, type Threshold } from './thresholds.js';
import type { Extraction } from './tracked-figure.js';

export const BASELINE_SCHEMA = 'paybench/baseline';
export const BASELINE_VERSION = 1;

export type BaselineFigure = ComparableFigure;

export interface Baseline {
  schema: typeof BASELINE_SCHEMA;
  version: typeof BASELINE_VERSION;
  /** The scenario's name: `check` refuses a run of another scenario. */
  scenario: string;
  createdAt: string;
  source: { runId: string; startedAt: string; repeats: number; validCells: number; excludedCells: number };
  gitCommit: string | null;
  gitDirty: boolean | null;
  environment: RunEnvironment;
  /** The scenario exactly as it ran, to tell a run of a changed scenario from a regression. */
  scenarioDefinition: Scenario;
  /** First match wins; `check --thresholds` puts its own in front. */
  thresholds: Threshold[];
  figures: BaselineFigure[];
}

/** A baseline from a run's tracked figures, with the default thresholds. */
export function buildBaseline(run: RunResult, extraction: Extraction, createdAt = new Date()): Baseline {
  const round = (v: number) => Number(v.toPrecision(4));
  return {
    schema: BASELINE_SCHEMA,
    version: BASELINE_VERSION,
    scenario: run.scenario.name,
    createdAt: createdAt.toISOString(),
    source: {
      runId: run.runId,
      startedAt: run.startedAt,
      repeats: run.scenario.repeat,
      validCells: run.cells.length - extraction.excluded.length,
      excludedCells: extraction.excluded.length,
    },
    gitCommit: run.environment.gitCommit,
    gitDirty: run.environment.gitDirty,
    environment: run.environment,
    scenarioDefinition: run.scenario,
    thresholds: DEFAULT_THRESHOLDS.map((t) => ({ ...t })),
    figures: extraction.figures.map((f) => ({
      name: f.name,
      kind: f.kind,
      unit: f.unit,
      direction: f.direction,
      value: round(f.value),
      repeats: f.repeats.map(round),
      ...(f.perSecond ? { perSecond: f.perSecond.map(round) } : {}),
    })),
  };
}

/** JSON with one line per top-level field, threshold and figure: a changed figure is a changed line. */
export function serializeBaseline(baseline: Baseline): string {
  const fields = Object.entries(baseline).map(([key, value]) => {
    if (Array.isArray(value))
      return `  ${JSON.stringify(key)}: [\n${value.map((item) => `    ${JSON.stringify(item)}`).join(',\n')}\n  ]`;
    return `  ${JSON.stringify(key)}: ${JSON.stringify(value)}`;
  });
  return `{\n${fields.join(',\n')}\n}\n`;
}

/** Reads and checks a baseline file; every error names the file (and the field). */
export function readBaseline(file: string): Baseline {
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new Error(`cannot read baseline ${file}: ${(error as Error).message}`, { cause: error });
  }
  const fail = (message: string): never => {
    throw new Error(`${file}: ${message}`);
  };
  if (parsed === null || typeof parsed !== 'object') fail('not a paybench baseline');
  if (parsed['schema'] !== BASELINE_SCHEMA)
    fail(`not a paybench baseline (schema ${JSON.stringify(parsed['schema'])}, expected "${BASELINE_SCHEMA}")`);
  if (parsed['version'] !== BASELINE_VERSION)
    fail(`baseline version ${JSON.stringify(parsed['version'])}; this paybench reads version ${BASELINE_VERSION}`);
  if (typeof parsed['scenario'] !== 'string') fail('scenario: expected the scenario name');
  if (!Array.isArray(parsed['thresholds'])) fail('thresholds: expected a list of { pattern, percent }');
  (parsed['thresholds'] as { pattern?: unknown; percent?: unknown }[]).forEach((t, i) => {
    const problem = thresholdProblem(t?.pattern, t?.percent);
    if (problem) fail(`thresholds[${i}]: ${problem}`);
  });
  if (!Array.isArray(parsed['figures'])) fail('figures: expected a list');
  (parsed['figures'] as Partial<BaselineFigure>[]).forEach((f, i) => {
    const numbers = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === 'number' && Number.isFinite(x));
    if (typeof f?.name !== 'string') fail(`figures[${i}].name: expected a string`);
    const where = `figures[${i}] (${f.name})`;
    if (f.kind !== 'absolute' && f.kind !== 'ratio') fail(`${where}.kind: expected "absolute" or "ratio"`);
    if (f.direction !== 'smaller' && f.direction !== 'bigger')
      fail(`${where}.direction: expected "smaller" or "bigger"`);
    if (typeof f.unit !== 'string') fail(`${where}.unit: expected a string`);
    if (typeof f.value !== 'number' || !Number.isFinite(f.value)) fail(`${where}.value: expected a number`);
    if (!numbers(f.repeats)) fail(`${where}.repeats: expected a list of numbers`);
    if (f.perSecond !== undefined && !numbers(f.perSecond)) fail(`${where}.perSecond: expected a list of numbers`);
  });
  return parsed as unknown as Baseline;
}
