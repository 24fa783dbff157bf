// `paybench profile` as a user runs it: the built-in CPU breakdown of a process of each topology,
// a clinic.js tool on one process, and the tool that is refused because it hangs.
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { paybench, writeScenario } from './support/paybench-cli.js';
import { keepOffTheGeneratorsCpus } from './support/generator-cpus.js';

// This file runs paybench: its load generator gets its CPUs to itself (see keepOffTheGeneratorsCpus).
beforeAll(keepOffTheGeneratorsCpus);

const CATEGORIES = ['business', 'httpServer', 'httpClient', 'json', 'logging', 'database', 'other'] as const;

function tinyScenario(dir: string): string {
  return writeScenario(dir, 'tiny', [
    'name: tiny',
    'description: "a few seconds of healthy load"',
    'topologies: [monolith, microservices]',
    'logging:',
    '  - { name: fixed, logger: { mode: sync }, driver: { mode: non-blocking }, forwarder: { whenFull: drop_newest } }',
    'load: [{ kind: open, rate: 20 }]',
    'duration: 3s',
    'warmup: 1s',
    'population: 500',
  ]);
}

const profile = (args: string[]) => paybench(['profile', ...args]);

interface ProfileSummary {
  process: string;
  file: string | null;
  samples: number;
  busyUs: number;
  idleUs: number;
  categories: Record<(typeof CATEGORIES)[number], number>;
  top: { functionName: string; category: string }[];
  samplerCpus?: string | null;
  error: string | null;
}

function readRun(out: string) {
  const [runDir] = readdirSync(out);
  const dir = join(out, runDir as string);
  const result = JSON.parse(readFileSync(join(dir, 'result.json'), 'utf8')) as {
    version: number;
    profiling: { tool: string; processes: Record<string, string[]> };
    environment: { pinning: { load: string | null } };
    cells: {
      topology: string;
      status: string;
      problems: string[];
      cpuProfiles?: ProfileSummary[];
      clinic?: { tool: string; process: string; status: string; html: string | null; data: string | null }[];
      harness?: { processes: { process: string; wrapped: boolean; readVia: { proc: number; process: number } }[] };
      logAccounting: { holds: boolean } | null;
    }[];
  };
  return { dir, result };
}

describe('paybench profile', () => {
  it("profiles the risk module's process in each topology under the same load, and the breakdown adds up", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paybench-profile-'));
    const out = join(dir, 'results');
    const { code, stdout, stderr } = await profile([tinyScenario(dir), '--module', 'risk', '--out', out]);
    expect(code, stderr).toBe(0);
    const { dir: runDir, result } = readRun(out);
    expect(result.version).toBe(1);
    expect(result.profiling).toEqual({
      tool: 'cpu',
      processes: { monolith: ['monolith'], microservices: ['risk'] },
      samplingIntervalUs: 1000,
    });
    expect(result.cells.map((c) => [c.topology, c.status, c.cpuProfiles?.map((p) => p.process)])).toEqual([
      ['monolith', 'ok', ['monolith']],
      ['microservices', 'ok', ['risk']],
    ]);
    for (const cell of result.cells) {
      const [profile] = cell.cpuProfiles ?? [];
      expect(profile?.error).toBeNull();
      expect(profile?.samples).toBeGreaterThan(0);
      expect(profile?.busyUs).toBeGreaterThan(0);
      // The breakdown sums to the profile's total (busy time, idle apart), exactly.
      expect(CATEGORIES.reduce((sum, c) => sum + (profile?.categories[c] ?? 0), 0)).toBe(profile?.busyUs);
      expect(profile?.top.length).toBeGreaterThan(0);
      // V8's sampler thread ran on the load generator's cores, off the profiled process's (null when unpinned).
      expect(profile?.samplerCpus).toBe(result.environment.pinning.load);
      // The raw profile is a real V8 CPU profile, next to the results.
      const raw = JSON.parse(readFileSync(join(runDir, profile?.file as string), 'utf8')) as {
        nodes: unknown[];
        samples: number[];
        timeDeltas: number[];
      };
      expect(raw.samples.length).toBe(profile?.samples);
      expect(raw.nodes.length).toBeGreaterThan(10);
      // Profiling changes nothing in the log pipeline's accounting.
      expect(cell.logAccounting?.holds).toBe(true);
    }
    // The risk service calls another process; the monolith makes no HTTP calls at all.
    expect(result.cells[1]?.cpuProfiles?.[0]?.categories.httpClient).toBeGreaterThan(0);
    expect(result.cells[0]?.cpuProfiles?.[0]?.categories.httpClient).toBe(0);

    // Both breakdowns, side by side, in the terminal, summary.md and report.html.
    expect(stdout).toMatch(/== CPU breakdown ==[\s\S]*monolith\s+microservices\n\s+monolith\s+risk\n/);
    expect(stdout).toMatch(/business logic\s+\d/);
    expect(stdout).toMatch(
      /HTTP server \+ HTTP client \+ JSON[\s\S]*monolith [\d.]+ ms\/req; microservices \[risk only\] [\d.]+ ms\/req/,
    );
    expect(stdout).toMatch(/CPU profile microservices\/risk: .*risk\.cpuprofile/);
    const markdown = readFileSync(join(runDir, 'summary.md'), 'utf8');
    expect(markdown).toMatch(
      /## CPU breakdown[\s\S]*\| category \| monolith \(monolith\) ms \| share \| ms\/req \| microservices \(risk\) ms \| share \| ms\/req \|/,
    );
    // And in report.html: a stacked bar per topology in one chart, the table with both as column groups (ms, share,
    // ms/req under each topology and its profiled processes).
    const report = readFileSync(join(runDir, 'report.html'), 'utf8');
    const section = report.slice(report.indexOf('<section id="cpu-breakdown">'));
    expect(section).toMatch(
      /<figure class="chart" id="chart-cpu-breakdown-fixed-open-20" data-chart="cpu-breakdown-fixed-open-20" data-points="[1-9]\d*">/,
    );
    expect(section).toMatch(
      /<th scope="colgroup" colspan="3">monolith<br><span class="unit">monolith<\/span><\/th><th scope="colgroup" colspan="3">microservices<br><span class="unit">risk<\/span><\/th>/,
    );
    expect(statSync(join(runDir, 'charts', 'cpu-breakdown-fixed-open-20.svg')).size).toBeGreaterThan(1000);
  });

  it('runs a clinic tool on one process, offline and without prompts, and writes its report into the run directory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paybench-profile-'));
    const out = join(dir, 'results');
    const { code, stdout, stderr } = await profile([
      tinyScenario(dir),
      '--tool',
      'doctor',
      '--topology',
      'monolith',
      '--process',
      'monolith',
      // 300 requests, not the tiny scenario's 40: the lag rule reads the generator's p99 lag, which over 40 sends is
      // the single worst one (one scheduler hiccup on a shared machine); over 300 it is a percentile again.
      '--rate',
      '100',
      '--duration',
      '3s',
      '--out',
      out,
    ]);
    expect(code, stderr).toBe(0);
    const { dir: runDir, result } = readRun(out);
    const [cell] = result.cells;
    expect(cell?.status).toBe('ok');
    expect(cell?.clinic).toMatchObject([{ tool: 'doctor', process: 'monolith', status: 'ok' }]);
    const html = join(runDir, cell?.clinic?.[0]?.html as string);
    expect(stdout).toContain(`clinic doctor monolith/monolith: ${html}`);
    expect(statSync(html).size).toBeGreaterThan(10_000);
    expect(statSync(join(runDir, cell?.clinic?.[0]?.data as string)).isDirectory()).toBe(true);
    // The app's pid is not the supervised one (clinic runs it as its child): the sampler reads /proc through the
    // pid the app gave, after the first second (whose CPU and RSS are the app's own figures).
    expect(cell?.harness?.processes).toMatchObject([{ process: 'monolith', wrapped: true }]);
    expect(cell?.harness?.processes[0]?.readVia.proc).toBeGreaterThan(0);
    // clinic's own messages stayed out of the app's stdout: the log accounting still holds.
    expect(cell?.logAccounting?.holds).toBe(true);
    expect(
      readFileSync(join(runDir, 'logs', readdirSync(join(runDir, 'logs'))[0] as string, 'monolith.stderr.log'), 'utf8'),
    ).toMatch(/Generated HTML file/);
  });

  it('refuses bubbleprof, which hangs here, and unknown processes, with a message and exit code 2', async () => {
    const bubbleprof = await profile(['--tool', 'bubbleprof', '--topology', 'monolith', '--process', 'monolith']);
    expect(bubbleprof.code).toBe(2);
    expect(bubbleprof.stderr).toMatch(/bubbleprof hangs here[\s\S]*--tool doctor, flame or heapprofiler/);
    const unknown = await profile(['--topology', 'microservices', '--process', 'payments']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no process "payments" in topology microservices: .*checkout \(checkout\)/);
  });
});
