// A port answering is not enough: the supervisor must know the process answering is the one it started.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEV_AUTH_SECRET } from '@paybench/payments-dataset';
import { startTopology } from '@paybench/platform-runtime';
import { resolveTopology } from '@paybench/platform-topology';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CLI, writeScenario } from './support/paybench-cli.js';
import { paymentTopology } from './support/start-system.js';
import { keepOffTheGeneratorsCpus } from './support/generator-cpus.js';
import { freshBasePort } from './support/ports.js';

// This file runs paybench: its load generator gets its CPUs to itself (see keepOffTheGeneratorsCpus).
beforeAll(keepOffTheGeneratorsCpus);

let fake: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => (fake ? fake.close(resolve) : resolve(undefined)));
  fake = undefined;
});

/** Another program on a port: it answers 200 to every path, with no nonce, like a process of another run would. */
async function impostorOn(port: number): Promise<Server> {
  const server = createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ status: 'ok', process: 'monolith' }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return server;
}

async function runCli(args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, [CLI, 'run', ...args, '--no-floor'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env,
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d));
  child.stdout?.resume();
  const [code] = (await once(child, 'exit')) as [number];
  return { code, stderr };
}

interface Cell {
  key: string;
  status: string;
  problems: string[];
  loadResult: { result: { classes: Record<string, { success: number; statuses: Record<string, number> }> } } | null;
  samples: { reachable: boolean }[];
}

function cellsOf(out: string): Cell[] {
  const [runDir] = readdirSync(out);
  return (JSON.parse(readFileSync(join(out, runDir as string, 'result.json'), 'utf8')) as { cells: Cell[] }).cells;
}

describe('start-up identity', () => {
  it('fails with a start error naming the port when another program answers there, instead of taking it for the process', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paybench-identity-'));
    const port = freshBasePort();
    fake = await impostorOn(port);
    const topology = resolveTopology(paymentTopology('monolith'), { basePort: port, dataDir: dir });
    const started = startTopology(topology, {
      settings: { seed: 42, consumers: 100, authSecret: DEV_AUTH_SECRET },
      logDir: join(dir, 'logs'),
      logPipeline: null,
    });
    await expect(started).rejects.toThrow(
      `port ${port} answers as another process (nonce mismatch): another paybench run holds it?`,
    );
    rmSync(dir, { recursive: true, force: true });
  });

  it('two runs started at once on one machine both run their cells on their own ports', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paybench-two-runs-'));
    const scenario = writeScenario(dir, 'two-at-once', [
      'name: two-at-once',
      'description: "a tiny healthy run, started twice at the same time"',
      'topologies: [monolith]',
      'logging:',
      '  - { name: fixed, logger: { mode: async }, driver: { mode: non-blocking }, forwarder: { whenFull: drop_newest } }',
      'load: [{ kind: open, rate: 10 }]',
      'duration: 3s',
      'warmup: 1s',
      'population: 300',
    ]);
    const env = { ...process.env };
    delete env['PAYBENCH_AUTH_SECRET'];
    // One with the development secret, one with a secret of its own: the harness's tokens must pass the lifetime cap.
    const [first, second] = await Promise.all([
      runCli([scenario, '--out', join(dir, 'a')], env),
      runCli([scenario, '--out', join(dir, 'b')], {
        ...env,
        PAYBENCH_AUTH_SECRET: 'a-secret-of-this-run-of-over-32-bytes',
      }),
    ]);
    // Valid, with one allowance: two runs at once on a busy 2-core machine may make a load
    // generator late, which the harness rightly calls invalid; that is load, not identity. Anything
    // else (a start error, another run's processes, a process exiting) fails the test.
    const onlyLate = (problems: string[]) => problems.every((p) => /could not keep its schedule/.test(p));
    for (const [out, run] of [
      ['a', first],
      ['b', second],
    ] as const) {
      const cells = cellsOf(join(dir, out));
      expect(cells).toHaveLength(1);
      expect(run.code, run.stderr).toBe(cells.every((c) => c.status === 'ok') ? 0 : 1);
      for (const cell of cells) {
        const valid = cell.status === 'ok' || (cell.status === 'invalid' && onlyLate(cell.problems));
        expect(valid, `${cell.status}: ${cell.problems.join('; ')}`).toBe(true);
        // The checkout classes, one per payment option: successes, and no refused token in any.
        const checkouts = ['pay_now', 'pay_later', 'pay_over_time'].map((o) => cell.loadResult?.result.classes[o]);
        const statuses = JSON.stringify(checkouts.map((c) => c?.statuses));
        expect(
          checkouts.reduce((sum, c) => sum + (c?.success ?? 0), 0),
          statuses,
        ).toBeGreaterThan(0);
        for (const checkout of checkouts) expect(checkout?.statuses['401'] ?? 0, 'tokens refused').toBe(0);
        // The sampler reads each process's internal /metrics, which asks for the deployment's secret.
        expect(cell.samples.some((s) => s.reachable)).toBe(true);
      }
    }
    rmSync(dir, { recursive: true, force: true });
  });
});
