// Test data for the tracking tests: a real run, transformed the way a regression or a noisy
// machine would change it, rather than mocked summaries.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { decodeFromCompressedBase64, encodeIntoCompressedBase64, JsHistogram } from 'hdr-histogram-js';
import { createLatencyHistogram, HIGHEST_TRACKABLE_MICROS } from '@paybench/bench-load';
import type { CellResult, RunResult } from '../result-schema.js';

/**
 * `paybench run quick --repeat 3` (the scenario as it was at commit 27e8741: both topologies,
 * broken logging, 50 req/s, 20 s with a 5 s stall) on a busy 2-core machine, 2026-11-22. Real,
 * and usefully imperfect: microservices repeat 3 is invalid, repeat 1 is ok although its load
 * generator lagged, and monolith repeat 1 has a p99 twenty times the others'. Trimmed of what
 * tracking never reads (forwarder samples, log-driver counters, the stored summaries, which are
 * recomputed from the cells), then gzipped.
 */
export function quickRun(): RunResult {
  const file = join(import.meta.dirname, 'test-data', 'quick-3-repeats.result.json.gz');
  return JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as RunResult;
}

/**
 * The fixture as a run that can pass a check: without the invalid cell, and without microservices
 * repeat 1, so that one topology has three repeats (noise from the repeats) and the other a single
 * one (noise from its seconds).
 */
export function validQuickRun(): RunResult {
  return withoutCells(quickRun(), (c) => c.topology === 'microservices' && c.repeat !== 2);
}

export function withoutCells(run: RunResult, drop: (cell: CellResult) => boolean): RunResult {
  return { ...run, cells: run.cells.filter((c) => !drop(c)), summaries: [], comparisons: [] };
}

/**
 * Every latency of the chosen cells multiplied by `factor(cell)`: each per-second histogram
 * (and the whole-window one) is rebuilt with its values scaled, counts kept. The stored summaries
 * are dropped so that every figure is recomputed from the changed raw data.
 */
export function scaleLatency(run: RunResult, factor: (cell: CellResult) => number): RunResult {
  const copy = structuredClone(run);
  for (const cell of copy.cells) {
    const f = factor(cell);
    if (f === 1 || cell.loadResult?.kind !== 'open') continue;
    const result = cell.loadResult.result;
    for (const second of result.perSecond)
      for (const c of Object.values(second.classes)) c.histogram = scaleHistogram(c.histogram, f);
    for (const c of Object.values(result.classes)) c.histogram = scaleHistogram(c.histogram, f);
  }
  return { ...copy, summaries: [], comparisons: [] };
}

function scaleHistogram(encoded: string, factor: number): string {
  const source = decodeFromCompressedBase64(encoded, 32, false);
  if (!(source instanceof JsHistogram)) throw new TypeError('expected a JavaScript histogram');
  const scaled = createLatencyHistogram();
  for (let index = 0; index < source.countsArrayLength; index++) {
    const count = source.getCountAtIndex(index);
    if (count === 0) continue;
    const value = source.medianEquivalentValue(source.valueFromIndex(index));
    scaled.recordValueWithCount(Math.min(HIGHEST_TRACKABLE_MICROS, Math.max(1, Math.round(value * factor))), count);
  }
  return encodeIntoCompressedBase64(scaled);
}

/** A copy of every cell under another logging configuration, with its latencies scaled: a second configuration to compare. */
export function withCopiedLogging(run: RunResult, name: string, latencyFactor: number): RunResult {
  const copies = scaleLatency({ ...run, cells: run.cells }, () => latencyFactor).cells.map((cell) => ({
    ...cell,
    key: cell.key.replace(`/${cell.logging.name}/`, `/${name}/`),
    logging: { ...cell.logging, name },
  }));
  const scenario = { ...run.scenario, logging: [...run.scenario.logging, { ...run.scenario.logging[0], name }] };
  return { ...run, scenario, cells: [...run.cells, ...copies], summaries: [], comparisons: [] };
}
