// CI performance tracking as CI runs it: `paybench baseline`, `check` and `compare` of the built
// command line on one real (tiny) run, and that run's report.html in a real Chromium. The run is
// the expensive part (about 20 s), so every assertion shares it.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectReportDrawn } from './support/expect-report-drawn.js';
import { paybench, paybenchSync, shortBrokenScenario } from './support/paybench-cli.js';
import { keepOffTheGeneratorsCpus } from './support/generator-cpus.js';

// This file runs paybench: its load generator gets its CPUs to itself (see keepOffTheGeneratorsCpus).
beforeAll(keepOffTheGeneratorsCpus);

interface BaselineFile {
  schema: string;
  version: number;
  scenario: string;
  source: { runId: string };
  thresholds: { pattern: string; percent: number | null }[];
  figures: { name: string; kind: string; unit: string; value: number; repeats: number[]; perSecond?: number[] }[];
}

describe('paybench baseline, check and compare', () => {
  const dir = mkdtempSync(join(tmpdir(), 'paybench-tracking-'));
  const results = join(dir, 'results');
  const baselineFile = join(dir, 'baselines', 'tracked.json');
  let runDir = '';

  beforeAll(async () => {
    // Two topologies (for the ratios), one fault phase, 6 s: each window has 6 seconds, enough
    // for the per-second noise estimate of a single repeat.
    const scenario = shortBrokenScenario(dir, 'tracked', 'a few seconds to track', [
      '{ at: 3s, phase: slow, forwarder: { sink: { mode: rate, eventsPerSecond: 200 } } }',
    ]);
    const { code, stderr } = await paybench(['run', scenario, '--out', results, '--no-floor']);
    expect(code, stderr).toBe(0);
    runDir = join(results, readdirSync(results)[0] as string);
  });

  it('writes a compact, versioned baseline and passes the run against it', () => {
    const made = paybenchSync(['baseline', runDir, '--out', baselineFile]);
    expect(made.status, made.stderr).toBe(0);
    expect(made.stdout).toMatch(/^wrote .*tracked\.json: \d+ figures \(\d+ ratios\) of scenario tracked from run /);
    const baseline = JSON.parse(readFileSync(baselineFile, 'utf8')) as BaselineFile;
    expect(baseline).toMatchObject({
      schema: 'paybench/baseline',
      version: 1,
      scenario: 'tracked',
      source: { runId: readdirSync(results)[0] },
    });
    expect(baseline.figures.map((f) => f.name)).toEqual(
      expect.arrayContaining([
        'broken/open-40/monolith/whole/p99_ms',
        'broken/open-40/microservices/slow/p50_ms',
        'ratio/broken/open-40/microservices:monolith/cpu_ms_per_req',
      ]),
    );
    expect(baseline.thresholds.length).toBeGreaterThan(0);

    // Without a run directory, check takes the newest run of the baseline's scenario.
    const summary = join(dir, 'step-summary.md');
    const passed = paybenchSync([
      'check',
      '--baseline',
      baselineFile,
      '--results',
      results,
      '--summary-md',
      summary,
      '--github-benchmark',
      join(dir, 'bench', 'paybench'),
    ]);
    expect(passed.status, passed.stdout + passed.stderr).toBe(0);
    expect(passed.stdout).toMatch(/broken\/open-40\/monolith\/whole\/p50_ms .* 0\.0% .* ok/);
    expect(passed.stdout.trimEnd().split('\n').at(-1)).toMatch(
      /^paybench check: OK: \d+ gated figures within threshold or noise/,
    );
    expect(readFileSync(summary, 'utf8')).toMatch(
      /^### paybench check `tracked`: pass[\s\S]*\| figure \| baseline \| now \|/,
    );
    const smaller = JSON.parse(readFileSync(join(dir, 'bench', 'paybench-smaller.json'), 'utf8')) as {
      name: string;
      unit: string;
      value: number;
      extra: string;
    }[];
    const bigger = JSON.parse(readFileSync(join(dir, 'bench', 'paybench-bigger.json'), 'utf8')) as {
      name: string;
      unit: string;
      value: number;
    }[];
    expect(smaller.find((e) => e.name === 'broken/open-40/monolith/whole/p99_ms')).toMatchObject({
      unit: 'ms',
      value: expect.any(Number),
      extra: expect.stringMatching(/^median of 1 valid repeat/),
    });
    expect(bigger.find((e) => e.name === 'broken/open-40/monolith/whole/availability')).toMatchObject({ unit: '%' });
  });

  it('fails when the run is 3x slower than the baseline, and names the figures', () => {
    // A baseline 3x faster than the run is the run 3x slower than its baseline.
    const baseline = JSON.parse(readFileSync(baselineFile, 'utf8')) as BaselineFile;
    const third = (v: number) => v / 3;
    const faster = {
      ...baseline,
      figures: baseline.figures.map((f) =>
        f.kind === 'absolute' && /p(50|99)_ms$/.test(f.name)
          ? {
              ...f,
              value: third(f.value),
              repeats: f.repeats.map(third),
              ...(f.perSecond ? { perSecond: f.perSecond.map(third) } : {}),
            }
          : f,
      ),
    };
    const fasterFile = join(dir, 'faster.json');
    writeFileSync(fasterFile, JSON.stringify(faster));
    const failed = paybenchSync(['check', '--baseline', fasterFile, runDir]);
    expect(failed.status, failed.stdout + failed.stderr).toBe(1);
    // Which latencies stand out of their own noise depends on how noisy this machine was during the run (a
    // busy machine can spread one topology's per-second p50 wide enough to explain x3); at least one does.
    expect(failed.stdout).toMatch(
      /broken\/open-40\/(monolith|microservices)\/whole\/p(50|99)_ms .* \+200% .* REGRESSED/,
    );
    expect(failed.stdout.trimEnd().split('\n').at(-1)).toMatch(
      /^paybench check: FAIL: \d+ of \d+ gated figures regressed: .*broken\/open-40\/(monolith|microservices)\/whole\/p(50|99)_ms/,
    );
  });

  it('refuses a baseline of another scenario (exit 2) and a bad thresholds file (exit 1)', () => {
    const baseline = JSON.parse(readFileSync(baselineFile, 'utf8')) as BaselineFile;
    const otherFile = join(dir, 'other.json');
    writeFileSync(otherFile, JSON.stringify({ ...baseline, scenario: 'incident' }));
    const other = paybenchSync(['check', '--baseline', otherFile, runDir]);
    expect(other.status).toBe(2);
    expect(other.stderr).toMatch(/is for scenario "incident", but run .* ran scenario "tracked"/);

    const thresholds = join(dir, 'thresholds.json');
    writeFileSync(thresholds, '{ "ratio/*": "tight" }');
    const bad = paybenchSync(['check', '--baseline', baselineFile, '--thresholds', thresholds, runDir]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/thresholds\.json: "ratio\/\*": expected a percentage/);

    expect(paybenchSync(['check', runDir]).status).toBe(2);
    expect(paybenchSync(['check', '--baseline', baselineFile, '--track', 'some']).status).toBe(2);
  });

  it('compares two runs side by side, as text or JSON', () => {
    const text = paybenchSync(['compare', runDir, runDir]);
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^paybench compare: A = .*, B = /);
    expect(text.stdout).toMatch(/ratio\/broken\/open-40\/microservices:monolith\/p50_ms .* 0\.0% .* same/);
    const json = paybenchSync(['compare', runDir, runDir, '--json', '--track', 'ratios']);
    expect(json.status, json.stderr).toBe(0);
    const parsed = JSON.parse(json.stdout) as {
      schema: string;
      figures: { name: string; change: number; noise: { basis: string } | null }[];
    };
    expect(parsed.schema).toBe('paybench/compare');
    expect(parsed.figures.length).toBeGreaterThan(0);
    expect(parsed.figures.every((f) => f.name.startsWith('ratio/') && f.change === 1)).toBe(true);
    const unreadable = paybenchSync(['compare', runDir, join(dir, 'nothing-here')]);
    expect(unreadable.status).toBe(1);
    expect(unreadable.stderr).toMatch(/no such run directory/);
    expect(existsSync(baselineFile)).toBe(true);
  });

  // The report test of `npm test` (html-report.test.ts checks CI's quick run with the same assertions): this run has
  // both topologies and a fault phase, so every kind of chart of an open-loop run has something to draw.
  it('writes a report.html that opens offline in Chromium, draws every chart with data and leads with the verdicts', async () => {
    await expectReportDrawn(runDir, /broken logging configuration at open-40/);
  });
});
