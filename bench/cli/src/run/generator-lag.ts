import { judgeGeneratorLag, LAG_RULE_TEXT } from '@paybench/bench-analysis';
import type { CellLoadResult } from '@paybench/bench-results';
import type { Problem } from './cell-problems.js';

/**
 * The generator's own lag (intended start to actual send) is inside every measured latency. It
 * disqualifies a cell when its p99 exceeds the limit of judgeGeneratorLag (bench/analysis): 10% of
 * the slowest class's p99, at least 2 ms (timer granularity), at most 10 ms (the generator is then
 * the bottleneck, however slow the system). A 7.7 ms lag against a 16.9 ms p99 is half of it.
 */
export function generatorLagProblem(load: CellLoadResult): Problem | null {
  if (load.kind !== 'open') return null;
  const lagP99Ms = load.result.scheduleLag.p99 / 1000;
  const worstP99Ms = Math.max(0, ...Object.values(load.result.classes).map((c) => c.p99)) / 1000;
  const verdict = judgeGeneratorLag(lagP99Ms, worstP99Ms);
  if (!verdict.exceeded) return null;
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  const lag = `lag p99 ${ms(lagP99Ms)} against a measured p99 of ${ms(worstP99Ms)}`;
  const limit = `limit ${ms(verdict.limitMs)}: ${LAG_RULE_TEXT}`;
  return { message: `the load generator could not keep its schedule: ${lag} (${limit})`, disqualifies: true };
}
