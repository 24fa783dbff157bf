// RunResult -> the flat list of tracked figures: each cell's figures, medians over the valid
// repeats of every (logging, load, topology), then the ratios between topologies and between
// logging configurations measured in the same run.
import type { CellSummary, RunResult } from '@paybench/bench-results';
import { median } from '../summary/median.js';
import { chooseRepeats, ratio } from '../summary/over-repeats.js';
import { axisRank, scenarioAxes } from '../summary/scenario-axes.js';
import { summarizeRun } from '../summary/summarize-run.js';
import { cellFigures, WHOLE, type CellFigure } from './cell-figures.js';
import type { Extraction, TrackedFigure } from './tracked-figure.js';

/** The valid repeats of one topology under one logging configuration and load. */
interface Group {
  logging: string;
  load: string;
  topology: string;
  /** By repeat, each with its figures by suffix. */
  repeats: { repeat: number; figures: Map<string, CellFigure> }[];
  /** Phase names of the cells (the same in every repeat). */
  phases: string[];
}

/**
 * Repeats are chosen by over-repeats.ts under `leave out`: a tracked figure (a baseline, a check)
 * rests on valid repeats only, and every other cell is listed in `excluded` with its reason. The
 * run's status decides, as it does for every table: an open-loop cell whose generator lagged is kept
 * when the run judged the lag immaterial next to the latencies measured
 * (bench/cli/src/run/generator-lag.ts), and marked invalid otherwise.
 */
export function extractFigures(run: RunResult): Extraction {
  const { summaries } = summarizeRun(run);
  const chosen = chooseRepeats(summaries, 'leave out');
  const excluded = chosen.excluded.map(({ summary, reason }) => ({
    key: summary.key,
    repeat: summary.repeat,
    status: summary.status,
    reasons: [reason],
  }));
  const groups = new Map<string, Group>();
  const groupKey = (logging: string, load: string, topology: string) => JSON.stringify([logging, load, topology]);
  for (const summary of chosen.used) {
    // summarizeRun gives one summary per cell, in the order of run.cells.
    const cell = run.cells[summaries.indexOf(summary)];
    const key = groupKey(summary.logging, summary.load, summary.topology);
    const group = groups.get(key) ?? {
      logging: summary.logging,
      load: summary.load,
      topology: summary.topology,
      repeats: [],
      phases: cell.phases.map((p) => p.name),
    };
    group.repeats.push({
      repeat: summary.repeat,
      figures: new Map(cellFigures(summary, cell).map((f) => [f.suffix, f])),
    });
    groups.set(key, group);
  }

  const { scenario } = run;
  const { loads, loggings, topologies } = scenarioAxes(run);
  const ordered = [...groups.values()].sort(
    (a, b) =>
      axisRank(loggings, a.logging) - axisRank(loggings, b.logging) ||
      axisRank(loads, a.load) - axisRank(loads, b.load) ||
      axisRank(topologies, a.topology) - axisRank(topologies, b.topology),
  );
  for (const group of ordered) group.repeats.sort((a, b) => a.repeat - b.repeat);

  const figures: TrackedFigure[] = [];
  const skipped: Extraction['skipped'] = [];
  for (const group of ordered) figures.push(...absoluteFigures(group, skipped));

  // Ratios between topologies: each one against the first of the scenario's order present for
  // that (logging, load), as the summary tables do. The pair is decided from every cell that ran,
  // valid or not, so that an invalid baseline topology shows as a skipped ratio, not a renamed one.
  const presentIn = (filter: (s: CellSummary) => boolean, pick: (s: CellSummary) => string, order: readonly string[]) =>
    [...new Set(summaries.filter(filter).map(pick))].sort((a, b) => axisRank(order, a) - axisRank(order, b));
  for (const logging of loggings) {
    for (const load of loads) {
      const present = presentIn(
        (s) => s.logging === logging && s.load === load,
        (s) => s.topology,
        topologies,
      );
      const groupOf = (topology: string) => groups.get(groupKey(logging, load, topology));
      const prefix = (topology: string, base: string) => `ratio/${logging}/${load}/${topology}:${base}`;
      figures.push(...againstFirst(present, groupOf, prefix, topologyRatioSuffixes, skipped));
    }
  }
  // Ratios between logging configurations (e.g. fixed against broken), each against the first of
  // the scenario's list present for that (load, topology).
  for (const load of loads) {
    for (const topology of topologies) {
      const present = presentIn(
        (s) => s.load === load && s.topology === topology,
        (s) => s.logging,
        loggings,
      );
      const groupOf = (logging: string) => groups.get(groupKey(logging, load, topology));
      const prefix = (logging: string, base: string) => `ratio/${load}/${topology}/${logging}:${base}`;
      figures.push(...againstFirst(present, groupOf, prefix, loggingRatioSuffixes, skipped));
    }
  }
  return {
    scenario: scenario.name,
    runId: run.runId,
    incomplete: run.complete ? null : `the run is incomplete${run.interruption ? ` (${run.interruption})` : ''}`,
    figures,
    excluded,
    skipped,
  };
}

function absoluteFigures(group: Group, skipped: Extraction['skipped']): TrackedFigure[] {
  const suffixes = [...new Set(group.repeats.flatMap((r) => [...r.figures.keys()]))];
  const figures: TrackedFigure[] = [];
  for (const suffix of suffixes) {
    const name = `${group.logging}/${group.load}/${group.topology}/${suffix}`;
    const measured = group.repeats.flatMap((r) => r.figures.get(suffix) ?? []);
    const values = measured.flatMap((f) => (f.value === null ? [] : [f.value]));
    const value = median(values);
    const definition = measured[0];
    if (value === null || definition === undefined) {
      skipped.push({ name, reason: `not measured in any of ${group.repeats.length} valid repeat(s)` });
      continue;
    }
    figures.push({
      name,
      kind: 'absolute',
      unit: definition.unit,
      direction: definition.direction,
      value,
      repeats: values,
      ...(definition.perSecond
        ? { perSecond: measured.flatMap((f) => (f.value === null ? [] : (f.perSecond ?? []).map((s) => s.value))) }
        : {}),
      how: `${definition.how}; median of repeats`,
    });
  }
  return figures;
}

/** Topology ratios: the whole window's headline figures, and the first phase's latency (before any fault) when there are several. */
function topologyRatioSuffixes(phases: readonly string[]): string[] {
  const metrics = ['p50_ms', 'p99_ms', 'cpu_ms_per_req', 'peak_rss_mib', 'throughput_rps'].map((m) => `${WHOLE}/${m}`);
  // A stepped cell measures its capacity only (the others are not measured there, so not paired).
  metrics.push('capacity_rps');
  return phases.length > 1 ? [...metrics, `${phases[0]}/p50_ms`, `${phases[0]}/p99_ms`] : metrics;
}

/** Logging ratios: what a logging configuration changes under each fault (availability, p99), and its CPU cost. */
function loggingRatioSuffixes(phases: readonly string[]): string[] {
  const stretches = phases.length > 1 ? phases.slice(1) : [WHOLE];
  return [...stretches.flatMap((s) => [`${s}/availability`, `${s}/p99_ms`]), `${WHOLE}/cpu_ms_per_req`];
}

/** Every name after the first against the first (the base), e.g. each topology against the scenario's first. */
function againstFirst(
  names: readonly string[],
  groupOf: (name: string) => Group | undefined,
  prefix: (name: string, base: string) => string,
  suffixesFor: (phases: readonly string[]) => string[],
  skipped: Extraction['skipped'],
): TrackedFigure[] {
  const [base, ...others] = names;
  return others.flatMap((name) => ratioFigures(prefix(name, base), groupOf(name), groupOf(base), suffixesFor, skipped));
}

/**
 * numerator / denominator for each suffix both groups measured: the value is the ratio of their
 * medians (the summary's rule), the per-repeat samples pair the same repeat, the per-second ones
 * the same second of the same repeat (cells of one run share their timeline).
 */
function ratioFigures(
  prefix: string,
  numerator: Group | undefined,
  denominator: Group | undefined,
  suffixesFor: (phases: readonly string[]) => string[],
  skipped: Extraction['skipped'],
): TrackedFigure[] {
  if (numerator === undefined || denominator === undefined) {
    skipped.push({
      name: `${prefix}/*`,
      reason: `no valid repeat of ${numerator === undefined ? 'the numerator' : 'the denominator'}`,
    });
    return [];
  }
  const figures: TrackedFigure[] = [];
  for (const suffix of suffixesFor(denominator.phases)) {
    const definition = [...numerator.repeats, ...denominator.repeats]
      .map((r) => r.figures.get(suffix))
      .find((f) => f !== undefined);
    if (definition === undefined) continue;
    const name = `${prefix}/${suffix.startsWith(`${WHOLE}/`) ? suffix.slice(WHOLE.length + 1) : suffix.replace('/', '_')}`;
    const valueOf = (group: Group) =>
      new Map(
        group.repeats.flatMap((r) =>
          r.figures.get(suffix)?.value == null ? [] : [[r.repeat, r.figures.get(suffix)?.value as number] as const],
        ),
      );
    const top = valueOf(numerator);
    const bottom = valueOf(denominator);
    const medianBottom = median([...bottom.values()]);
    const value = ratio(median([...top.values()]), medianBottom);
    if (value === null) {
      skipped.push({ name, reason: medianBottom === 0 ? 'the denominator is 0' : 'not measured on both sides' });
      continue;
    }
    const figure: TrackedFigure = {
      name,
      kind: 'ratio',
      unit: 'x',
      direction: definition.direction,
      value,
      repeats: [...top.keys()].flatMap((repeat) => ratio(top.get(repeat), bottom.get(repeat)) ?? []),
      how: `ratio of medians over repeats; ${definition.how}`,
    };
    if (definition.perSecond) figure.perSecond = pairedSeconds(numerator, denominator, suffix);
    figures.push(figure);
  }
  return figures;
}

function pairedSeconds(numerator: Group, denominator: Group, suffix: string): number[] {
  return numerator.repeats.flatMap((top) => {
    const bottom = denominator.repeats.find((r) => r.repeat === top.repeat)?.figures.get(suffix)?.perSecond ?? [];
    const bySecond = new Map(bottom.map((s) => [s.second, s.value]));
    return (top.figures.get(suffix)?.perSecond ?? []).flatMap((s) => {
      return ratio(s.value, bySecond.get(s.second)) ?? [];
    });
  });
}
