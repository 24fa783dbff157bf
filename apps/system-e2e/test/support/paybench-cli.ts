// The built `paybench` command line, as the system tests run it: a scenario file written for the
// test, and the command run to its exit with its output collected.
import { spawn, spawnSync, type ChildProcess, type SpawnSyncReturns } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { onTestFinished } from 'vitest';

export const CLI = resolve(import.meta.dirname, '../../../../bench/cli/dist/main.js');

/** Writes `<dir>/<name>.yaml` from its lines and returns its path. */
export function writeScenario(dir: string, name: string, lines: readonly string[]): string {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, lines.join('\n'));
  return file;
}

/**
 * A six-second scenario of both topologies under the broken logging configuration at 40 req/s,
 * with the given fault events (YAML flow mappings): the run the CLI's system tests share.
 */
export function shortBrokenScenario(dir: string, name: string, description: string, faults: readonly string[]): string {
  return writeScenario(dir, name, [
    `name: ${name}`,
    `description: "${description}"`,
    'topologies: [monolith, microservices]',
    'logging:',
    '  - { name: broken, logger: { mode: sync }, driver: { mode: blocking }, forwarder: { whenFull: block } }',
    'load: [{ kind: open, rate: 40 }]',
    'duration: 6s',
    'warmup: 1s',
    'faults:',
    ...faults.map((fault) => `  - ${fault}`),
    'population: 500',
  ]);
}

/** Runs `paybench <args>` to its exit, blocking: for the quick commands (check, compare, report). */
export function paybenchSync(args: readonly string[]): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
}

// Every `paybench` still running, ended with this test worker however it ends.
const running = new Set<ChildProcess>();
process.on('exit', () => running.forEach(stop));

/** SIGKILL: the runner's processes hold its lifeline and go with it. */
function stop(child: ChildProcess): void {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

/** Runs `paybench <args>` to its exit; a test that ends first (it timed out) ends it too. */
export async function paybench(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  child.once('exit', () => running.delete(child));
  try {
    onTestFinished(() => stop(child));
  } catch {
    // Called from a hook (beforeAll), not a test: the worker's exit ends it.
  }
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d));
  child.stderr.on('data', (d: Buffer) => (stderr += d));
  const [code] = (await once(child, 'exit')) as [number];
  return { code, stdout, stderr };
}
