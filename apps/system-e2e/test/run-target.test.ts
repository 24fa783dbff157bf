// `paybench up` in one shell, `paybench run --target` in another (issue 15, section 1): the runner drives a
// deployment it did not start, through the same endpoints, and `up` cleans up after itself.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { keepOffTheGeneratorsCpus } from './support/generator-cpus.js';
import { CLI, paybench, writeScenario } from './support/paybench-cli.js';
import { alive } from './support/processes.js';

// This file runs paybench: its own process stays off the load generator's CPUs (see keepOffTheGeneratorsCpus). It
// runs in the "mechanisms" group, beside other files (vitest.config.ts): a cell the lag rule fails is accepted below.
beforeAll(keepOffTheGeneratorsCpus);

const started: ChildProcess[] = [];
afterEach(() => {
  for (const child of started.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

/** Every process descended from `pid` (a child in a group of its own still has its parent's pid). */
function descendantsOf(pid: number): number[] {
  const table = execFileSync('ps', ['-e', '-o', 'pid=,ppid='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]) }));
  const found: number[] = [];
  const walk = (parent: number) => {
    for (const row of table.filter((r) => r.ppid === parent)) {
      found.push(row.pid);
      walk(row.pid);
    }
  };
  walk(pid);
  return found;
}

async function waitFor(file: string, up: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (!existsSync(file)) {
    if (up.exitCode !== null || Date.now() > deadline) throw new Error(`up wrote no targets file:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('paybench run --target on a deployment paybench up started', () => {
  it('runs the cells the target can run, marks the result external, refuses the rest with the reason', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paybench-target-'));
    const targets = join(dir, 'up.yaml');
    // Below 32768 (ephemeral ports) and away from the runs' 20000-32000: 14000-15800.
    const port = 14_000 + 200 * Math.floor(Math.random() * 10);
    const up = spawn(
      process.execPath,
      [CLI, 'up', '--topology', 'monolith', '--port', String(port), '--seed', '7', '--consumers', '300']
        .concat(['--logger-mode', 'sync', '--driver', 'non-blocking', '--forwarder-when-full', 'drop_newest'])
        .concat(['--write-targets', targets]),
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    started.push(up);
    let upOutput = '';
    up.stdout.on('data', (d: Buffer) => (upOutput += d));
    up.stderr.on('data', (d: Buffer) => (upOutput += d));
    await waitFor(targets, up, () => upOutput);
    expect(upOutput).toContain(`Targets file (paybench run <scenario> --target ${targets})`);
    const secrets = join(dir, 'up.secrets.yaml');
    expect(statSync(secrets).mode & 0o777).toBe(0o600);
    // Its secrets are referred to, never written into the targets file.
    const internalSecret = /internal: (\S+)/.exec(readFileSync(secrets, 'utf8'))?.[1] ?? 'missing';
    expect(readFileSync(targets, 'utf8')).not.toContain(internalSecret);

    const scenario = writeScenario(dir, 'on-target', [
      'name: on-target',
      'description: "a few seconds on a deployment the runner did not start"',
      'topologies: [monolith, microservices]',
      'logging:',
      '  - { name: fixed, logger: { mode: sync }, driver: { mode: non-blocking }, forwarder: { whenFull: drop_newest } }',
      'load: [{ kind: open, rate: 30 }]',
      'duration: 5s',
      'warmup: 1s',
      'mix: { checkout: 80, orderStatus: 20 }',
      'faults:',
      '  - { at: 1s, phase: slow-risk, modules: [{ module: risk, faults: [{ type: latency, ms: 20 }] }] }',
      '  - { at: 2s, phase: slow-sink, forwarder: { sink: { mode: fixed, perEventUs: 100 } } }',
      '  - { at: 4s, phase: lifted, modules: [{ module: risk, faults: [] }], forwarder: { sink: { mode: normal } } }',
      'population: 500',
    ]);
    const out = join(dir, 'results');
    const upPids = descendantsOf(up.pid as number);
    expect(upPids.length).toBeGreaterThanOrEqual(2); // the monolith and the forwarder, at least
    const run = await paybench(['run', scenario, '--target', targets, '--out', out]);
    expect(run.stderr).toContain(
      'refused cell microservices/fixed/open-30: the target runs topology monolith, this cell needs microservices',
    );
    expect(run.stdout).toMatch(/external target: paybench up on .*topology monolith/);
    // The runner started no process of the system: up's are the same ones, and none is the runner's child.
    expect(descendantsOf(up.pid as number)).toEqual(upPids);

    const [runDir] = readdirSync(out);
    const result = JSON.parse(readFileSync(join(out, runDir as string, 'result.json'), 'utf8'));
    expect(result.complete).toBe(true);
    expect(result.external).toMatchObject({
      description: expect.stringMatching(/^paybench up on .*topology monolith, logger sync, driver non-blocking/),
      targetFile: targets,
      topology: 'monolith',
      refused: [
        {
          key: 'microservices/fixed/open-30',
          reason: 'the target runs topology monolith, this cell needs microservices',
        },
      ],
    });
    // The target's population signs the tokens (up's: seed 7, 300 consumers), not the scenario's.
    expect(result.scenario).toMatchObject({ seed: 7, population: 300 });
    expect(result.cells.map((c: { key: string }) => c.key)).toEqual(['monolith/fixed/open-30']);
    const [cell] = result.cells;
    // Test files share the cores: a cell invalid only by the generator's lag rule is honest, not this test's topic.
    const otherProblems = cell.problems.filter((p: string) => !/could not keep its schedule/.test(p));
    expect(otherProblems).toEqual([]);
    expect(run.code).toBe(cell.status === 'ok' ? 0 : 1);
    // Every request answered: tokens signed for the target's consumers, the entry and orders reached.
    const classes = Object.values(cell.loadResult.result.classes) as {
      sent: number;
      error: number;
      statuses: object;
    }[];
    expect(classes.map((c) => c.error)).toEqual([0, 0, 0, 0]);
    expect(classes.every((c) => c.sent > 0 && !('401' in c.statuses))).toBe(true);
    // The faults went through the same endpoints as locally: the module's on the process's internal listener,
    // the sink's on the forwarder's control API.
    expect(cell.faults.map((f: { phase: string; error: string | null }) => [f.phase, f.error])).toEqual([
      ['slow-risk', null],
      ['slow-sink', null],
      ['lifted', null],
    ]);
    expect(cell.faults[0].modules[0].appliedTo).toBe('monolith');
    expect(cell.faults.every((f: { appliedAtMs: number | null }) => f.appliedAtMs !== null)).toBe(true);
    // CPU and RSS from the process's own sample, every second; the forwarder's counters from its control API.
    expect(cell.samples.length).toBeGreaterThanOrEqual(5);
    expect(
      cell.samples.every(
        (s: { cpuSeconds: number | null; driver: unknown }) => s.cpuSeconds !== null && s.driver === null,
      ),
    ).toBe(true);
    expect(cell.harness.processes[0].readVia.proc).toBe(0);
    expect(cell.forwarderSamples.length).toBeGreaterThanOrEqual(5);
    expect(cell.logAccounting).toBeNull();
    expect(cell.notes.join('\n')).toMatch(/CPU and RSS from each process's own GET \/stats\/sample/);

    // A scenario none of whose cells the target runs: said, exit 1, nothing measured.
    const none = await paybench(['run', scenario, '--target', targets, '--topology', 'microservices', '--out', out]);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/no cell of scenario on-target can run on target/);
    expect(readdirSync(out)).toHaveLength(1);

    // Ctrl-C's SIGINT stops up: its processes go, and the targets file and its secrets with them.
    up.kill('SIGINT');
    const [code] = (await once(up, 'exit')) as [number];
    expect(code, upOutput).toBe(0);
    expect(existsSync(targets)).toBe(false);
    expect(existsSync(secrets)).toBe(false);
    expect(upPids.filter(alive)).toEqual([]);
  }, 180_000);
});
