import type { CellLoadResult } from '@paybench/bench-results';
import type { Problem } from './cell-problems.js';

/**
 * The generator's own lag (intended start to actual send) is inside every measured latency. It
 * disqualifies a cell only when it is a material part of what was measured: above 10 ms (the
 * generator's own limit) AND above 5% of the slowest class's p99. A 26 ms lag while a stalled
 * system answers in 2 s changes nothing; a 12 ms lag against a 20 ms p99 would.
 */
export function generatorLagProblem(load: CellLoadResult): Problem | null {
  if (load.kind !== 'open' || !load.result.generatorLimited) return null;
  const lagP99 = load.result.scheduleLag.p99;
  const worstP99 = Math.max(0, ...Object.values(load.result.classes).map((c) => c.p99));
  if (lagP99 <= 0.05 * worstP99) return null;
  const ms = (us: number) => `${(us / 1000).toFixed(1)} ms`;
  const lag = `lag p99 ${ms(lagP99)} against a measured p99 of ${ms(worstP99)}`;
  return { message: `the load generator could not keep its schedule: ${lag}`, disqualifies: true };
}
