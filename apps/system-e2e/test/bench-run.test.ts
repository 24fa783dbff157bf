// `paybench run` as a user runs it: a real (tiny) scenario end to end, and an interrupted one.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { within } from './support/background-load.js';
import { CLI, paybenchSync, shortBrokenScenario } from './support/paybench-cli.js';

function tinyScenario(dir: string): string {
  return shortBrokenScenario(dir, 'tiny', 'a few seconds of everything', [
    '{ at: 2s, phase: slow, forwarder: { sink: { mode: rate, eventsPerSecond: 200 } } }',
    '{ at: 4s, phase: recovery, forwarder: { sink: { mode: normal } } }',
  ]);
}

function runCli(args: string[]) {
  const child = spawn(process.execPath, [CLI, 'run', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d));
  child.stderr?.on('data', (d: Buffer) => (stderr += d));
  return { child, output: () => ({ stdout, stderr }) };
}

function readResult(out: string) {
  const [runDir] = readdirSync(out);
  return JSON.parse(readFileSync(join(out, runDir as string, 'result.json'), 'utf8')) as {
    schema: string;
    version: number;
    complete: boolean;
    interruption: string | null;
    environment: { node: string; pinning: { note: string } };
    summaries: { key: string; valid: boolean }[];
    comparisons: unknown[];
    cells: { key: string; status: string; problems: string[]; phases: { name: string }[]; faults: { appliedAtMs: number | null }[]; loadResult: { kind: string; result: { classes: Record<string, { count: number; histogram: string; success: number }> } } | null; samples: unknown[]; logAccounting: { holds: boolean; settled: boolean } | null }[];
  };
}

describe('paybench run', () => {
  it('runs every cell of a scenario and writes a complete, valid result with raw histograms', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paybench-run-'));
    const out = join(dir, 'results');
    const { child, output } = runCli([tinyScenario(dir), '--out', out]);
    const [code] = (await once(child, 'exit')) as [number];
    const { stdout, stderr } = output();
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
      const checkout = cell.loadResult?.result.classes['checkout'];
      expect(checkout?.success).toBeGreaterThan(100);
      expect(checkout?.count).toBeGreaterThan(100);
      expect(checkout?.histogram.length).toBeGreaterThan(10);
      expect(cell.samples.length).toBeGreaterThan(0);
      expect(cell.logAccounting).toMatchObject({ holds: true, settled: true });
    }
  });

  it('on SIGINT stops the load and every process and writes what it measured, marked incomplete', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paybench-run-'));
    const out = join(dir, 'results');
    const { child, output } = runCli([tinyScenario(dir), '--out', out, '--duration', '30s']);
    const measuring = await within(60_000, async () => /measuring/.test(output().stderr), 200);
    expect(measuring, output().stderr).not.toBeNull();
    child.kill('SIGINT');
    const [code] = (await once(child, 'exit')) as [number];
    expect(code).toBe(1);
    expect(output().stderr).toMatch(/INCOMPLETE/);
    const result = readResult(out);
    expect(result.complete).toBe(false);
    expect(result.interruption).toBe('SIGINT');
    expect(result.cells[0]?.status).toBe('interrupted');
    expect(result.cells).toHaveLength(1);
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
