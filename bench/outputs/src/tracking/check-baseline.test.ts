import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunResult } from '@paybench/bench-results';
import {
  assertSameScenario,
  buildBaseline,
  checkAgainstBaseline,
  extractFigures,
  readBaseline,
  readThresholdsFile,
  serializeBaseline,
  type Baseline,
  type CheckOptions,
  type CheckOutcome,
} from '@paybench/bench-analysis';
import { validQuickRun, scaleLatency, withoutCells } from '@paybench/bench-results/testing';
import { githubBenchmarkEntries } from './github-benchmark.js';
import { finalLine, renderCheckMarkdown, renderCheckText } from './render-check.js';

const ALL: CheckOptions = { track: 'all', overrides: [] };

function baselineOf(run: RunResult): Baseline {
  // Through the file format, as `check` reads it.
  const dir = mkdtempSync(join(tmpdir(), 'paybench-baseline-'));
  const file = join(dir, 'quick.json');
  writeFileSync(file, serializeBaseline(buildBaseline(run, extractFigures(run), new Date('2026-11-22T08:00:00Z'))));
  return readBaseline(file);
}

function check(baseline: Baseline, run: RunResult, options: CheckOptions = ALL): CheckOutcome {
  return checkAgainstBaseline(baseline, run, extractFigures(run), options);
}

const verdicts = (outcome: CheckOutcome, verdict: string) =>
  outcome.figures.filter((f) => f.verdict === verdict).map((f) => f.name);

describe('paybench check against a baseline', () => {
  const run = validQuickRun();
  const baseline = baselineOf(run);

  it('passes a run against its own baseline', () => {
    const outcome = check(baseline, run);
    expect(outcome.runProblems).toEqual([]);
    expect(verdicts(outcome, 'regressed')).toEqual([]);
    expect(outcome.passed).toBe(true);
    expect(
      outcome.figures
        .filter((f) => f.gated)
        .every((f) => f.verdict === 'ok' && f.change !== null && Math.abs(f.change - 1) < 0.001),
    ).toBe(true);
    expect(finalLine(outcome)).toMatch(/^paybench check: OK: \d+ gated figures within threshold or noise/);
  });

  it('fails on latency made 3x worse and names the figures', () => {
    const outcome = check(
      baseline,
      scaleLatency(run, () => 3),
    );
    const regressed = verdicts(outcome, 'regressed');
    expect(outcome.passed).toBe(false);
    // Repeats on both sides for the monolith (bootstrap interval), one repeat of the
    // microservices (per-second Mann-Whitney).
    expect(regressed).toEqual(
      expect.arrayContaining([
        'broken/open-50/monolith/whole/p50_ms',
        'broken/open-50/microservices/whole/p50_ms',
        'broken/open-50/microservices/whole/p99_ms',
      ]),
    );
    // Only latency figures moved: CPU, memory, availability and the ratios did not.
    expect(regressed.every((name) => /_ms$/.test(name) && !name.startsWith('ratio/'))).toBe(true);
    const text = renderCheckText(outcome, {
      baseline,
      baselineFile: 'quick.json',
      run,
      runDir: 'results/x',
      track: 'all',
    });
    expect(text).toMatch(/broken\/open-50\/monolith\/whole\/p50_ms .* \+200% .*REGRESSED/);
    expect(text.trimEnd().split('\n').at(-1)).toMatch(
      /^paybench check: FAIL: \d+ of \d+ gated figures regressed: .*broken\/open-50\/monolith\/whole\/p50_ms/,
    );
    const markdown = renderCheckMarkdown(outcome, {
      baseline,
      baselineFile: 'quick.json',
      run,
      runDir: 'results/x',
      track: 'all',
    });
    expect(markdown).toMatch(/^### paybench check `quick`: \*\*FAIL\*\*/);
    expect(markdown).toMatch(
      /\| `broken\/open-50\/monolith\/whole\/p50_ms` \| .* \| \+200% \| \+50% \| CI .* \| \*\*REGRESSED\*\* \|/,
    );
  });

  it('fails the ratios when only the microservices got 3x slower', () => {
    const outcome = check(
      baseline,
      scaleLatency(run, (cell) => (cell.topology === 'microservices' ? 3 : 1)),
    );
    expect(verdicts(outcome, 'regressed')).toEqual(
      expect.arrayContaining([
        'ratio/broken/open-50/microservices:monolith/p50_ms',
        'ratio/broken/open-50/microservices:monolith/healthy_p50_ms',
      ]),
    );
    expect(verdicts(outcome, 'regressed').some((name) => name.includes('/monolith/'))).toBe(false);
  });

  it('passes a change beyond the threshold that the spread of the repeats can explain', () => {
    // A noisy machine: the monolith's three repeats are 1x, 1.5x and 3x as slow in the baseline,
    // 1x, 2.5x and 3x in the new run. The median p50 moves by +67% (threshold +50%), but the
    // repeats overlap: the bootstrap interval holds x1.
    const factors = (list: number[]) => (cell: RunResult['cells'][number]) =>
      cell.topology === 'monolith' ? list[cell.repeat - 1] : 1;
    const noisyBaseline = baselineOf(scaleLatency(run, factors([1, 1.5, 3])));
    const outcome = check(noisyBaseline, scaleLatency(run, factors([1, 2.5, 3])));
    const p50 = outcome.figures.find((f) => f.name === 'broken/open-50/monolith/whole/p50_ms');
    expect(p50?.change).toBeGreaterThan(1.5);
    expect(p50).toMatchObject({ verdict: 'ok', note: 'worse beyond threshold, within noise' });
    expect(p50?.noise).toMatchObject({ basis: 'repeats', n: [3, 3], beyond: false });
    expect(outcome.passed).toBe(true);
  });

  it('refuses a baseline of another scenario', () => {
    const other = { ...run, scenario: { ...run.scenario, name: 'incident' } };
    expect(() => assertSameScenario(baseline, other, 'results/baselines/quick.json')).toThrow(
      /baseline results\/baselines\/quick\.json is for scenario "quick", but run .* ran scenario "incident"/,
    );
  });

  it('warns when the scenario changed beyond its repeat count', () => {
    const longer = { ...run, scenario: { ...run.scenario, duration: 40_000, repeat: 1 } };
    expect(check(baseline, longer).scenarioDifferences).toEqual(['duration: 20000 in the baseline, 40000 in this run']);
  });

  it('fails when cells are left out or gated figures are missing', () => {
    const withInvalid = {
      ...run,
      cells: run.cells.map((c) =>
        c.topology === 'monolith' && c.repeat === 2
          ? { ...c, status: 'invalid' as const, problems: ['accounting did not hold'] }
          : c,
      ),
    };
    const outcome = check(baseline, withInvalid);
    expect(outcome.passed).toBe(false);
    expect(outcome.runProblems).toEqual([
      'monolith/broken/open-50 repeat 2 left out: invalid: accounting did not hold',
    ]);
    expect(finalLine(outcome)).toMatch(/FAIL: the run is incomplete or has cells left out/);

    const noMicroservices = check(
      baseline,
      withoutCells(run, (c) => c.topology === 'microservices'),
    );
    expect(noMicroservices.passed).toBe(false);
    expect(verdicts(noMicroservices, 'missing')).toContain('broken/open-50/microservices/whole/p50_ms');
    expect(finalLine(noMicroservices)).toMatch(/gated figures missing from the run: .*microservices\/whole\/p50_ms/);
    const note = (outcome: CheckOutcome, name: string) => outcome.figures.find((f) => f.name === name)?.note;
    expect(note(noMicroservices, 'broken/open-50/microservices/whole/p50_ms')).toBe('not measured in this run');
    const invalidMicroservices = check(baseline, {
      ...run,
      cells: run.cells.map((c) => (c.topology === 'microservices' ? { ...c, status: 'invalid' as const } : c)),
    });
    expect(note(invalidMicroservices, 'broken/open-50/microservices/whole/p50_ms')).toBe(
      'its cells were left out: repeat 2',
    );
    expect(note(invalidMicroservices, 'ratio/broken/open-50/microservices:monolith/p50_ms')).toBe(
      'not computed: no valid repeat of the numerator',
    );
  });

  it('gates only ratios with --track ratios, and applies threshold overrides first', () => {
    const slower = scaleLatency(run, () => 3);
    const ratiosOnly = check(baseline, slower, { track: 'ratios', overrides: [] });
    expect(ratiosOnly.passed).toBe(true);
    expect(ratiosOnly.figures.find((f) => f.name === 'broken/open-50/monolith/whole/p50_ms')).toMatchObject({
      verdict: 'untracked',
      note: '--track ratios',
    });

    const dir = mkdtempSync(join(tmpdir(), 'paybench-thresholds-'));
    const file = join(dir, 'thresholds.yaml');
    // First match wins: the whole-window p99 is not gated, every other latency may triple.
    writeFileSync(file, '"*/whole/p99_ms": null\n"*_ms": 250\n"nothing/*": 5\n');
    const relaxed = check(baseline, slower, { track: 'all', overrides: readThresholdsFile(file) });
    expect(relaxed.passed).toBe(true);
    expect(relaxed.figures.find((f) => f.name === 'broken/open-50/monolith/whole/p99_ms')).toMatchObject({
      verdict: 'untracked',
    });
    expect(relaxed.figures.find((f) => f.name === 'broken/open-50/monolith/whole/p50_ms')).toMatchObject({
      verdict: 'ok',
      threshold: { pattern: '*_ms', percent: 250 },
    });
    expect(relaxed.unusedPatterns).toEqual(['nothing/*']);
  });

  it('writes github-action-benchmark entries, split by direction', () => {
    const { smaller, bigger } = githubBenchmarkEntries(extractFigures(run), 'all');
    expect(smaller.find((e) => e.name === 'broken/open-50/monolith/whole/p99_ms')).toMatchObject({
      unit: 'ms',
      range: expect.stringMatching(/^± \d/),
      extra: expect.stringMatching(/^median of 3 valid repeats, range .*, 60 per-second values\n/),
    });
    expect(smaller.find((e) => e.name === 'broken/open-50/microservices/whole/p99_ms')).not.toHaveProperty('range');
    expect(bigger.map((e) => e.name)).toContain('broken/open-50/monolith/whole/availability');
    expect([...smaller, ...bigger]).toHaveLength(extractFigures(run).figures.length);
    expect(
      githubBenchmarkEntries(extractFigures(run), 'ratios').smaller.every((e) => e.name.startsWith('ratio/')),
    ).toBe(true);
  });
});

describe('baseline and thresholds files', () => {
  function fileWith(name: string, text: string): string {
    const file = join(mkdtempSync(join(tmpdir(), 'paybench-files-')), name);
    writeFileSync(file, text);
    return file;
  }

  it('round-trips a baseline with one line per figure, values to 4 significant digits', () => {
    const run = validQuickRun();
    const text = serializeBaseline(buildBaseline(run, extractFigures(run)));
    const lines = text.split('\n');
    expect(lines.filter((l) => l.startsWith('    {"name":"broken/open-50/monolith/'))).toHaveLength(21);
    const read = readBaseline(fileWith('quick.json', text));
    expect(read).toMatchObject({
      schema: 'paybench/baseline',
      version: 1,
      scenario: 'quick',
      source: { runId: run.runId, repeats: 3 },
    });
    expect(
      read.figures
        .find((f) => f.name === 'broken/open-50/monolith/whole/p50_ms')
        ?.repeats.every((v) => Number(v.toPrecision(4)) === v),
    ).toBe(true);
  });

  it('names the file and the field of a bad baseline', () => {
    expect(() => readBaseline(fileWith('a.json', '{"schema":"paybench/run-result","version":1}'))).toThrow(
      /a\.json: not a paybench baseline \(schema "paybench\/run-result"/,
    );
    const good = JSON.parse(
      serializeBaseline(buildBaseline(validQuickRun(), extractFigures(validQuickRun()))),
    ) as Baseline;
    const badFigure = { ...good, figures: [{ ...good.figures[0], repeats: ['fast'] }] };
    expect(() => readBaseline(fileWith('b.json', JSON.stringify(badFigure)))).toThrow(
      /b\.json: figures\[0\] \(broken\/open-50\/monolith\/whole\/p50_ms\)\.repeats: expected a list of numbers/,
    );
    expect(() => readBaseline(fileWith('c.json', '{'))).toThrow(/cannot read baseline .*c\.json/);
  });

  it('names the file and the entry of a bad thresholds file', () => {
    expect(() => readThresholdsFile(fileWith('t.yaml', '"ratio/[x]": 20\n'))).toThrow(
      /t\.yaml: "ratio\/\[x\]": a pattern may hold letters, digits/,
    );
    expect(() => readThresholdsFile(fileWith('t.json', '{ "*_ms": "fast" }'))).toThrow(
      /t\.json: "\*_ms": expected a percentage above 0 .* got "fast"/,
    );
    expect(() => readThresholdsFile(fileWith('t2.json', '{ "*_ms": -5 }'))).toThrow(
      /t2\.json: "\*_ms": expected a percentage/,
    );
    expect(() => readThresholdsFile(fileWith('t3.yaml', '- ratio/*\n- 20\n'))).toThrow(
      /t3\.yaml: expected a mapping of figure-name patterns to percentages/,
    );
    expect(() => readThresholdsFile(fileWith('t4.yaml', 'a: [\n'))).toThrow(/t4\.yaml: not valid YAML/);
    expect(() => readThresholdsFile('/nonexistent/t.yaml')).toThrow(
      /cannot read thresholds file \/nonexistent\/t\.yaml/,
    );
  });
});
