// The load generator's CPUs, left to it while a system test runs paybench.
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';

/**
 * The CPUs paybench gives the system under test: the upper half, as `choosePinning` (bench/cli) splits them, the
 * load generator having the lower half. Null with one CPU, where paybench pins nothing.
 */
export function systemUnderTestCpus(): string | null {
  const n = cpus().length;
  if (n < 2) return null;
  const half = Math.floor(n / 2);
  return half === n - 1 ? `${half}` : `${half}-${n - 1}`;
}

/**
 * Moves this test file's process, every thread of it, onto the system under test's CPUs; what it starts from now on
 * inherits that. paybench's runner already moves itself there and pins its load generator to the other half, so
 * during the test nothing of the test's own shares the generator's CPUs, and the lag rule (a cell is invalid when
 * the generator's schedule lag p99 exceeds 10% of its p99, at least 2 ms) judges the generator, not the test.
 * The "measured" files run one at a time and Nx runs the system tests alone (parallelism: false); run-target.test.ts,
 * a "mechanisms" file (vitest.config.ts), shares the machine with other files and accepts a cell the lag rule fails;
 * what else runs on the machine is beyond a test's reach. Without taskset paybench pins nothing either: nothing to do.
 */
export function keepOffTheGeneratorsCpus(): void {
  const list = systemUnderTestCpus();
  if (list === null) return;
  try {
    execFileSync('taskset', ['-a', '-p', '-c', list, String(process.pid)], { stdio: 'ignore' });
  } catch {
    // No taskset: the run's environment says its processes are not pinned.
  }
}
