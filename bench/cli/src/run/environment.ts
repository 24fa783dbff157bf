import { execFileSync } from 'node:child_process';
import { cpus, totalmem, release, platform } from 'node:os';
import type { Pinning, RunEnvironment } from '@paybench/bench-results';

// The types are the stored model's (result.json): defined there, re-exported for this folder's users.
export type { Pinning, RunEnvironment };

function quiet(command: string, args: string[]): string | null {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

/**
 * Load generator and system under test share this machine's cores; pinning them apart with
 * taskset keeps one from stealing the other's CPU. With 2 cores: the SUT on CPU 1, the load
 * generator on CPU 0. With 1 core, or without taskset, pinning is off and the result says so.
 */
export function choosePinning(requested: 'auto' | 'off' | { sut: string; load: string }): Pinning {
  if (requested === 'off') return { sut: null, load: null, note: 'pinning disabled by --pin off' };
  if (quiet('taskset', ['-V']) === null)
    return { sut: null, load: null, note: 'taskset not found: processes are not pinned' };
  if (requested !== 'auto') return { ...requested, note: 'pinned as requested' };
  const n = cpus().length;
  if (n < 2) return { sut: null, load: null, note: `only ${n} CPU: processes are not pinned` };
  const half = Math.floor(n / 2);
  const list = (from: number, to: number) => (from === to ? `${from}` : `${from}-${to}`);
  return {
    load: list(0, half - 1),
    sut: list(half, n - 1),
    note: `load generator on CPU ${list(0, half - 1)}; system under test, supervisor and log pipeline on CPU ${list(half, n - 1)}`,
  };
}

export function describeEnvironment(pinning: Pinning): RunEnvironment {
  const status = quiet('git', ['status', '--porcelain']);
  return {
    node: process.version,
    platform: platform(),
    kernel: release(),
    cpuModel: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryBytes: totalmem(),
    gitCommit: quiet('git', ['rev-parse', 'HEAD']),
    gitDirty: status === null ? null : status.length > 0,
    pinning,
    ci: process.env['CI'] === 'true',
  };
}
