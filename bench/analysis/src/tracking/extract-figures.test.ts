import { describe, expect, it } from 'vitest';
import { median } from '../summary/median.js';
import { summarizeRun } from '../summary/summarize-run.js';
import { extractFigures } from './extract-figures.js';
import {
  quickRun,
  runResult,
  scaleLatency,
  stepsCell,
  validQuickRun,
  withCopiedLogging,
} from '@paybench/bench-results/testing';
import type { TrackedFigure } from './tracked-figure.js';

function figure(figures: readonly TrackedFigure[], name: string): TrackedFigure {
  const found = figures.find((f) => f.name === name);
  if (!found) throw new Error(`no figure ${name} among ${figures.map((f) => f.name).join(', ')}`);
  return found;
}

describe('tracked figures of a real run', () => {
  const run = quickRun();
  const extraction = extractFigures(run);

  it('names every figure <logging>/<load>/<topology>/<stretch>/<metric>, ratios ratio/<...>/<a>:<b>/<metric>', () => {
    const names = extraction.figures.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^(ratio\/)?[a-z0-9_-]+(\/[a-z0-9_:-]+)+$/);
    expect(names.filter((n) => n.startsWith('broken/open-50/monolith/'))).toEqual([
      'broken/open-50/monolith/whole/p50_ms',
      'broken/open-50/monolith/whole/p99_ms',
      'broken/open-50/monolith/whole/availability',
      'broken/open-50/monolith/whole/slo_availability',
      'broken/open-50/monolith/healthy/p50_ms',
      'broken/open-50/monolith/healthy/p99_ms',
      'broken/open-50/monolith/healthy/availability',
      'broken/open-50/monolith/healthy/slo_availability',
      'broken/open-50/monolith/stall/p50_ms',
      'broken/open-50/monolith/stall/p99_ms',
      'broken/open-50/monolith/stall/availability',
      'broken/open-50/monolith/stall/slo_availability',
      'broken/open-50/monolith/recovery/p50_ms',
      'broken/open-50/monolith/recovery/p99_ms',
      'broken/open-50/monolith/recovery/availability',
      'broken/open-50/monolith/recovery/slo_availability',
      'broken/open-50/monolith/whole/cpu_ms_per_req',
      'broken/open-50/monolith/whole/peak_rss_mib',
      'broken/open-50/monolith/whole/log_lines_dropped',
      'broken/open-50/monolith/stall/time_to_impact_ms',
      'broken/open-50/monolith/recovery/time_to_recover_ms',
    ]);
    expect(names.filter((n) => n.startsWith('ratio/'))).toEqual([
      'ratio/broken/open-50/microservices:monolith/p50_ms',
      'ratio/broken/open-50/microservices:monolith/p99_ms',
      'ratio/broken/open-50/microservices:monolith/cpu_ms_per_req',
      'ratio/broken/open-50/microservices:monolith/peak_rss_mib',
      'ratio/broken/open-50/microservices:monolith/healthy_p50_ms',
      'ratio/broken/open-50/microservices:monolith/healthy_p99_ms',
    ]);
    // The same run gives the same names and values every time.
    expect(extractFigures(quickRun())).toEqual(extraction);
  });

  it('leaves out the invalid cell, and says why', () => {
    expect(extraction.excluded).toEqual([
      {
        key: 'microservices/broken/open-50',
        repeat: 3,
        status: 'invalid',
        reasons: [expect.stringMatching(/^invalid: 1 of 200 priming checkouts failed/)],
      },
    ]);
    expect(figure(extraction.figures, 'broken/open-50/microservices/whole/p50_ms').repeats).toHaveLength(2);
    expect(figure(extraction.figures, 'broken/open-50/monolith/whole/p50_ms').repeats).toHaveLength(3);
    expect(extraction.incomplete).toBeNull();
  });

  it('takes the median over valid repeats of the summary figures, with per-second samples for latency', () => {
    const { summaries } = summarizeRun(run);
    const monolith = summaries.filter((s) => s.topology === 'monolith');
    const overall = monolith.map((s) => (s.traffic?.kind === 'open' ? s.traffic.overall : null));
    const p99 = figure(extraction.figures, 'broken/open-50/monolith/whole/p99_ms');
    expect(p99.repeats).toEqual(overall.map((o) => o?.traffic.latency.p99Ms));
    expect(p99.value).toBe(median(p99.repeats));
    expect(p99).toMatchObject({ kind: 'absolute', unit: 'ms', direction: 'smaller' });
    // 20 window seconds per repeat, each with its own p99.
    expect(p99.perSecond).toHaveLength(60);
    expect(figure(extraction.figures, 'broken/open-50/monolith/stall/p50_ms').perSecond).toHaveLength(15);
    expect(figure(extraction.figures, 'broken/open-50/monolith/whole/peak_rss_mib')).toMatchObject({
      unit: 'MiB',
      direction: 'smaller',
    });
    expect(figure(extraction.figures, 'broken/open-50/monolith/whole/peak_rss_mib').value).toBeCloseTo(
      (median(overall.map((o) => o?.resources.peakRssBytes ?? null)) ?? 0) / 2 ** 20,
      9,
    );
    expect(figure(extraction.figures, 'broken/open-50/monolith/whole/availability')).toMatchObject({
      unit: '%',
      direction: 'bigger',
      value: 100,
    });
    expect(figure(extraction.figures, 'broken/open-50/monolith/whole/cpu_ms_per_req').perSecond).toBeUndefined();
  });

  it('counts a phase with no bad second as its whole length (censored time to impact)', () => {
    // Repeat 1 of the monolith had a bad second 4 s into the 5 s stall; the others none.
    expect(figure(extraction.figures, 'broken/open-50/monolith/stall/time_to_impact_ms')).toMatchObject({
      repeats: [4000, 5000, 5000],
      value: 5000,
      direction: 'bigger',
    });
    expect(figure(extraction.figures, 'broken/open-50/monolith/recovery/time_to_recover_ms')).toMatchObject({
      repeats: [0, 0, 0],
      value: 0,
      direction: 'smaller',
    });
  });

  it('divides the medians of the two topologies, pairing repeats and seconds', () => {
    const ratio = figure(extraction.figures, 'ratio/broken/open-50/microservices:monolith/p50_ms');
    const micro = figure(extraction.figures, 'broken/open-50/microservices/whole/p50_ms');
    const mono = figure(extraction.figures, 'broken/open-50/monolith/whole/p50_ms');
    expect(ratio).toMatchObject({ kind: 'ratio', unit: 'x', direction: 'smaller' });
    expect(ratio.value).toBeCloseTo(micro.value / mono.value, 12);
    // Repeats 1 and 2 of the microservices are valid: two pairs, 20 seconds each.
    expect(ratio.repeats).toEqual([micro.repeats[0] / mono.repeats[0], micro.repeats[1] / mono.repeats[1]]);
    expect(ratio.perSecond).toHaveLength(40);
  });

  it('compares a second logging configuration with the first (fixed against broken)', () => {
    const both = extractFigures(withCopiedLogging(validQuickRun(), 'fixed', 0.5));
    const names = both.figures.map((f) => f.name);
    expect(names).toContain('fixed/open-50/monolith/whole/p99_ms');
    expect(names.filter((n) => n.startsWith('ratio/open-50/monolith/fixed:broken/'))).toEqual([
      'ratio/open-50/monolith/fixed:broken/stall_availability',
      'ratio/open-50/monolith/fixed:broken/stall_p99_ms',
      'ratio/open-50/monolith/fixed:broken/recovery_availability',
      'ratio/open-50/monolith/fixed:broken/recovery_p99_ms',
      'ratio/open-50/monolith/fixed:broken/cpu_ms_per_req',
    ]);
    // Latencies halved: the ratio is 0.5 within the histograms' precision (0.1%).
    expect(figure(both.figures, 'ratio/open-50/monolith/fixed:broken/stall_p99_ms').value).toBeCloseTo(0.5, 2);
    expect(figure(both.figures, 'ratio/open-50/monolith/fixed:broken/stall_availability')).toMatchObject({
      value: 1,
      direction: 'bigger',
    });
  });

  it('reports a failed cell and an incomplete run instead of dropping them silently', () => {
    const broken = validQuickRun();
    broken.cells[0] = { ...broken.cells[0], status: 'failed', problems: ['the monolith crashed'], loadResult: null };
    broken.complete = false;
    broken.interruption = 'SIGINT';
    const partial = extractFigures(broken);
    expect(partial.incomplete).toBe('the run is incomplete (SIGINT)');
    expect(partial.excluded).toEqual([
      { key: 'monolith/broken/open-50', repeat: 1, status: 'failed', reasons: ['failed: the monolith crashed'] },
    ]);
    expect(figure(partial.figures, 'broken/open-50/monolith/whole/p50_ms').repeats).toHaveLength(2);
  });

  it('skips a ratio whose denominator has no valid repeat, and says so', () => {
    const noMonolith = extractFigures(
      scaleLatency(
        {
          ...validQuickRun(),
          cells: validQuickRun().cells.map((c) =>
            c.topology === 'monolith' ? { ...c, status: 'invalid' as const } : c,
          ),
        },
        () => 1,
      ),
    );
    expect(noMonolith.figures.some((f) => f.name.startsWith('ratio/'))).toBe(false);
    expect(noMonolith.skipped).toEqual([
      { name: 'ratio/broken/open-50/microservices:monolith/*', reason: 'no valid repeat of the denominator' },
    ]);
  });
});

describe('tracked figures of a stepped run', () => {
  const run = runResult([
    stepsCell('monolith', [
      { rate: 100, latencyMs: 5 },
      { rate: 200, latencyMs: 8 },
      { rate: 400, latencyMs: 40 },
      { rate: 800, latencyMs: 600 },
    ]),
    stepsCell('microservices', [
      { rate: 100, latencyMs: 20 },
      { rate: 200, latencyMs: 700 },
      { rate: 400, latencyMs: 1900 },
    ]),
  ]);
  run.scenario = {
    ...run.scenario,
    load: [{ kind: 'steps', start: 100, factor: 2, step: 1000, maxSteps: 12, maxInFlight: 512 }],
  };
  const { figures } = extractFigures(run);

  it('tracks each topology capacity and its ratio to the first topology', () => {
    expect(figure(figures, 'broken/steps-100x2/monolith/capacity_rps')).toMatchObject({
      value: 400,
      unit: 'req/s',
      direction: 'bigger',
    });
    expect(figure(figures, 'broken/steps-100x2/microservices/capacity_rps').value).toBe(100);
    expect(figure(figures, 'ratio/broken/steps-100x2/microservices:monolith/capacity_rps')).toMatchObject({
      value: 0.25,
      kind: 'ratio',
      direction: 'bigger',
    });
  });
});
