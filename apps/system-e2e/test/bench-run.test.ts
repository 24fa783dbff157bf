// `paybench run` as a user runs it: a real (tiny) scenario end to end, what CI does with its result (`baseline`,
// `check`, `compare`, report.html in a real Chromium), and an interrupted run.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { within } from './support/background-load.js';
import { expectReportDrawn } from './support/expect-report-drawn.js';
import { CLI, paybenchSync, shortBrokenScenario } from './support/paybench-cli.js';
import { alive } from './support/processes.js';
import { keepOffTheGeneratorsCpus, systemUnderTestCpus } from './support/generator-cpus.js';

// This file runs paybench: its load generator gets its CPUs to itself (see keepOffTheGeneratorsCpus).
beforeAll(keepOffTheGeneratorsCpus);

function tinyScenario(dir: string): string {
  return shortBrokenScenario(dir, 'tiny', 'a few seconds of everything', [
    '{ at: 2s, phase: slow, forwarder: { sink: { mode: rate, eventsPerSecond: 200 } } }',
    '{ at: 4s, phase: recovery, forwarder: { sink: { mode: normal } } }',
  ]);
}

const started: ChildProcess[] = [];
afterEach(() => {
  // A test that failed half-way: its CLI goes, and its children with it (their lifeline closes).
  for (const child of started.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

function runCli(args: string[], options: { detached?: boolean } = {}) {
  const child = spawn(process.execPath, [CLI, 'run', ...args], { stdio: ['ignore', 'pipe', 'pipe'], ...options });
  started.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d));
  child.stderr?.on('data', (d: Buffer) => (stderr += d));
  return { child, output: () => ({ stdout, stderr }) };
}

/** Every process descended from `pid`, by parent pid (a child in a group of its own still has its parent's). */
function descendantsOf(pid: number): { pid: number; command: string }[] {
  const table = execFileSync('ps', ['-e', '-o', 'pid=,ppid=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), command: m[3] as string }));
  const found: { pid: number; command: string }[] = [];
  const walk = (parent: number) => {
    for (const p of table.filter((row) => row.ppid === parent)) {
      found.push({ pid: p.pid, command: p.command });
      walk(p.pid);
    }
  };
  walk(pid);
  return found;
}

/** The process group of `pid`; null when it has exited since it was listed (a short-lived child cannot be left over). */
const pgidOf = (pid: number): number | null => {
  try {
    return Number(execFileSync('ps', ['-o', 'pgid=', '-p', String(pid)], { encoding: 'utf8' }).trim());
  } catch {
    return null;
  }
};

interface BaselineFile {
  schema: string;
  version: number;
  scenario: string;
  source: { runId: string };
  thresholds: { pattern: string; percent: number | null }[];
  figures: { name: string; kind: string; unit: string; value: number; repeats: number[]; perSecond?: number[] }[];
}

function readResult(out: string) {
  const [runDir] = readdirSync(out);
  return JSON.parse(readFileSync(join(out, runDir as string, 'result.json'), 'utf8')) as {
    schema: string;
    version: number;
    complete: boolean;
    interruption: string | null;
    environment: {
      node: string;
      pinning: { note: string };
      floor?: {
        express: { throughput: number; cpuMicrosPerRequest: number | null; failed: number };
        hop: { throughput: number; cpuMicrosPerRequest: number | null; failed: number };
        hopCpuMicros: number | null;
      };
    };
    summaries: { key: string; valid: boolean }[];
    comparisons: unknown[];
    cells: {
      key: string;
      status: string;
      problems: string[];
      disqualifying?: string[];
      phases: { name: string }[];
      faults: { appliedAtMs: number | null }[];
      loadResult: {
        kind: string;
        result: { classes: Record<string, { count: number; histogram: string; success: number }> };
      } | null;
      samples: unknown[];
      logAccounting: { holds: boolean; settled: boolean } | null;
    }[];
  };
}

describe('paybench run', () => {
  // One complete run (floor included) serves every test of what a run writes and of what CI does with it
  // (`baseline`, `check`, `compare`, report.html): the run is the expensive part, the tests only read what it wrote.
  describe('a complete run', () => {
    const dir = mkdtempSync(join(tmpdir(), 'paybench-run-'));
    const out = join(dir, 'results');
    const baselineFile = join(dir, 'baselines', 'tiny.json');
    let run = { code: -1, stdout: '', stderr: '' };
    let runDir = '';

    beforeAll(async () => {
      const { child, output } = runCli([tinyScenario(dir), '--out', out]);
      const [code] = (await once(child, 'exit')) as [number];
      run = { code, ...output() };
      runDir = join(out, readdirSync(out)[0] as string);
    });

    it('runs every cell of a scenario and writes a complete, valid result with raw histograms', () => {
      const { code, stdout, stderr } = run;
      // This test's own process sat on the system under test's CPUs, away from the load generator's (the runner keeps
      // itself there too): every cell valid, the lag rule included.
      const allowed = /Cpus_allowed_list:\s*(\S+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
      const pinned = systemUnderTestCpus() !== null && spawnSync('taskset', ['-V']).status === 0;
      if (pinned) expect(allowed).toBe(systemUnderTestCpus());
      expect(code, stderr).toBe(0);
      expect(stderr).toMatch(/\[1\/2\] monolith[\s\S]*\[2\/2\] microservices/);
      // The summary table: a block per logging configuration and load, rows per topology and phase,
      // the ratio line and the how-measured footer.
      expect(stdout).toMatch(/== logging broken .* \| load open-40/);
      expect(stdout).toMatch(/monolith[\s\S]*microservices/);
      expect(stdout).toMatch(/microservices\/monolith|microservices vs monolith|x\d/);
      expect(stdout).toMatch(/open loop/i);
      const result = readResult(out);
      expect(result).toMatchObject({ schema: 'paybench/run-result', version: 1, complete: true, interruption: null });
      const markdown = readFileSync(join(runDir, 'summary.md'), 'utf8');
      expect(markdown).toMatch(/^# paybench `tiny`/);
      expect(markdown).toMatch(/## Verdicts[\s\S]*\*\*broken\*\* logging configuration/);
      expect(markdown).toMatch(/\| monolith \| 1 \| healthy \|/);

      // `report` regenerates the summaries from result.json alone, and refuses what is not a run.
      const report = paybenchSync(['report', runDir]);
      expect(report.status, report.stderr).toBe(0);
      expect(report.stdout).toMatch(/== logging broken[\s\S]*wrote .*summary\.md/);
      const notARun = paybenchSync(['report', dir]);
      expect(notARun.status).toBe(1);
      expect(notARun.stderr).toMatch(/has no result\.json/);
      expect(result.environment.node).toMatch(/^v24\./);
      // The machine's floor, measured before the cells: real answers, CPU per request from /proc in a sane range
      // (tens to hundreds of microseconds here; bounds wide enough for a slow, busy machine), and a hop that costs
      // CPU (two processes do more than one). Stated in the summary's header.
      const floor = result.environment.floor;
      expect(floor?.express.throughput).toBeGreaterThan(100);
      expect(floor?.hop.throughput).toBeGreaterThan(50);
      expect(floor?.express.failed).toBe(0);
      expect(floor?.express.cpuMicrosPerRequest).toBeGreaterThan(5);
      expect(floor?.express.cpuMicrosPerRequest).toBeLessThan(20_000);
      expect(floor?.hopCpuMicros).toBeGreaterThan(0);
      expect(stdout).toMatch(/machine floor \(same cores.*\): bare express \d+ req\/s/);
      expect(result.summaries.map((s) => [s.key, s.valid])).toEqual([
        ['monolith/broken/open-40', true],
        ['microservices/broken/open-40', true],
      ]);
      expect(result.comparisons).toHaveLength(1);
      expect(result.cells.map((c) => [c.key, c.status])).toEqual([
        ['monolith/broken/open-40', 'ok'],
        ['microservices/broken/open-40', 'ok'],
      ]);
      for (const cell of result.cells) {
        expect(cell.phases.map((p) => p.name)).toEqual(['healthy', 'slow', 'recovery']);
        expect(cell.faults.every((f) => f.appliedAtMs !== null)).toBe(true);
        // A class per payment option (the mix's `checkout: 80` shared evenly over them), next to order-status reads.
        const classes = cell.loadResult?.result.classes ?? {};
        expect(Object.keys(classes)).toEqual(['pay_now', 'pay_later', 'pay_over_time', 'orderStatus']);
        const checkouts = ['pay_now', 'pay_later', 'pay_over_time'].map((name) => classes[name]);
        expect(checkouts.reduce((sum, c) => sum + (c?.success ?? 0), 0)).toBeGreaterThan(100);
        expect(checkouts.reduce((sum, c) => sum + (c?.count ?? 0), 0)).toBeGreaterThan(100);
        for (const checkout of checkouts) expect(checkout?.histogram.length).toBeGreaterThan(10);
        expect(cell.samples.length).toBeGreaterThan(0);
        expect(cell.logAccounting).toMatchObject({ holds: true, settled: true });
      }
    });

    it('writes a compact, versioned baseline and passes the run against it', () => {
      const made = paybenchSync(['baseline', runDir, '--out', baselineFile]);
      expect(made.status, made.stderr).toBe(0);
      expect(made.stdout).toMatch(/^wrote .*tiny\.json: \d+ figures \(\d+ ratios\) of scenario tiny from run /);
      const baseline = JSON.parse(readFileSync(baselineFile, 'utf8')) as BaselineFile;
      expect(baseline).toMatchObject({
        schema: 'paybench/baseline',
        version: 1,
        scenario: 'tiny',
        source: { runId: readdirSync(out)[0] },
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
        out,
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
        /^### paybench check `tiny`: pass[\s\S]*\| figure \| baseline \| now \|/,
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
      expect(other.stderr).toMatch(/is for scenario "incident", but run .* ran scenario "tiny"/);

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

    // The report test of `npm test` (html-report.test.ts checks CI's quick run with the same assertions): this run
    // has both topologies and fault phases, so every kind of chart of an open-loop run has something to draw.
    it('writes a report.html that opens offline in Chromium, draws every chart with data and leads with the verdicts', async () => {
      await expectReportDrawn(runDir, /broken logging configuration at open-40/);
    });
  });

  it("on a terminal's Ctrl-C (SIGINT to the whole process group) keeps what the cell measured, leaving no process", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paybench-run-'));
    const out = join(dir, 'results');
    // Its own process group, led by the CLI, as a shell gives a foreground job.
    const { child, output } = runCli([tinyScenario(dir), '--out', out, '--duration', '30s', '--no-floor'], {
      detached: true,
    });
    // Without a terminal, progress prints every 5th second: t=5s means at least 5 s were measured (2.5 s were too few
    // once: over its first 100 requests the lag p99 is the second-worst send, and one hiccup disqualified the cell).
    const measuring = await within(90_000, async () => /t=5s\//.test(output().stderr), 200);
    expect(measuring, output().stderr).not.toBeNull();
    const processes = descendantsOf(child.pid as number);
    // The runner's own processes: at least the monolith, the log-forwarder and the load generator.
    expect(processes.length, JSON.stringify(processes)).toBeGreaterThanOrEqual(3);
    process.kill(-(child.pid as number), 'SIGINT');
    const [code] = (await once(child, 'exit')) as [number];
    const { stderr } = output();
    expect(code, stderr).toBe(1);
    expect(stderr).toMatch(/INCOMPLETE/);
    expect(stderr).not.toMatch(/EPIPE|exited unexpectedly/);
    const result = readResult(out);
    expect(result.complete).toBe(false);
    expect(result.interruption).toBe('SIGINT');
    expect(result.cells).toHaveLength(1);
    const [cell] = result.cells;
    expect(cell?.status).toBe('interrupted');
    expect(
      cell?.problems.filter((p) =>
        /EPIPE|exited unexpectedly|without a result|load generator failed|cannot start/.test(p),
      ),
    ).toEqual([]);
    expect(cell?.loadResult?.result.classes['pay_now']?.count).toBeGreaterThan(0);
    expect(cell?.samples.length).toBeGreaterThan(0);
    // Says what its figures cover, without disqualifying them.
    expect(cell?.problems).toContainEqual(
      expect.stringMatching(/^stopped by SIGINT \d+\.\d s into the \d+ s measured window/),
    );
    expect(cell?.disqualifying ?? []).toEqual([]);
    const leftOver = await within(10_000, async () => processes.every((p) => !alive(p.pid)), 200);
    expect(leftOver, `still alive: ${JSON.stringify(processes.filter((p) => alive(p.pid)))}`).not.toBeNull();
  });

  it('leaves no process behind when the runner itself is killed with SIGKILL', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paybench-run-'));
    const { child, output } = runCli(
      [tinyScenario(dir), '--out', join(dir, 'results'), '--duration', '30s', '--no-floor'],
      {
        detached: true,
      },
    );
    const measuring = await within(90_000, async () => /measuring/.test(output().stderr), 200);
    expect(measuring, output().stderr).not.toBeNull();
    const processes = descendantsOf(child.pid as number);
    // The load generator too: it leads a group of its own, so only its IPC channel ties it to the runner.
    expect(
      processes.some((p) => p.command.includes('load-worker')),
      JSON.stringify(processes),
    ).toBe(true);
    expect(
      processes.every((p) => [p.pid, null].includes(pgidOf(p.pid))),
      'every child leads its own process group',
    ).toBe(true);
    child.kill('SIGKILL');
    await once(child, 'exit');
    const gone = await within(10_000, async () => processes.every((p) => !alive(p.pid)), 200);
    expect(gone, `still alive: ${JSON.stringify(processes.filter((p) => alive(p.pid)))}`).not.toBeNull();
  });

  it('refuses an invalid scenario file with the field named, exit 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paybench-run-'));
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'name: bad\ndescription: x\ntopologies: []\n');
    const { child, output } = runCli([file]);
    const [code] = (await once(child, 'exit')) as [number];
    expect(code).toBe(1);
    expect(output().stderr).toMatch(/bad\.yaml[\s\S]*topologies/);
  });
});
