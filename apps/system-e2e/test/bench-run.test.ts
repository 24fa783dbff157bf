// `paybench run` as a user runs it: a real (tiny) scenario end to end, and an interrupted one.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { within } from './support/background-load.js';
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
  it('runs every cell of a scenario and writes a complete, valid result with raw histograms', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paybench-run-'));
    const out = join(dir, 'results');
    const { child, output } = runCli([tinyScenario(dir), '--out', out]);
    const [code] = (await once(child, 'exit')) as [number];
    const { stdout, stderr } = output();
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
    const [runDir] = readdirSync(out);
    const markdown = readFileSync(join(out, runDir as string, 'summary.md'), 'utf8');
    expect(markdown).toMatch(/^# paybench `tiny`/);
    expect(markdown).toMatch(/## Verdicts[\s\S]*\*\*broken\*\* logging configuration/);
    expect(markdown).toMatch(/\| monolith \| 1 \| healthy \|/);

    // `report` regenerates the summaries from result.json alone, and refuses what is not a run.
    const report = paybenchSync(['report', join(out, runDir as string)]);
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

  it("on a terminal's Ctrl-C (SIGINT to the whole process group) keeps what the cell measured, leaving no process", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paybench-run-'));
    const out = join(dir, 'results');
    // Its own process group, led by the CLI, as a shell gives a foreground job.
    const { child, output } = runCli([tinyScenario(dir), '--out', out, '--duration', '30s', '--no-floor'], {
      detached: true,
    });
    // Without a terminal, progress prints every 5th second: t=5s means at least 5 s were measured.
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
