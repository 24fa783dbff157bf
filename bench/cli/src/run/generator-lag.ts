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
  const worstP99Ms = Math.max(0, ...Object.values(load.result.classes).map((c) => c.p99)) / 1000;
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  // Several generator workers: each is judged on its own slice's lag (a late one delays every request it sends).
  const lags = load.result.workers?.each.map((w) => ({ who: `generator worker ${w.worker}`, p99: w.lagP99 })) ?? [
    { who: 'the load generator', p99: load.result.scheduleLag.p99 },
  ];
  const broken = lags.flatMap(({ who, p99 }) => {
    const verdict = judgeGeneratorLag(p99 / 1000, worstP99Ms);
    if (!verdict.exceeded) return [];
    const lag = `lag p99 ${ms(p99 / 1000)} against a measured p99 of ${ms(worstP99Ms)}`;
    return [`${who} could not keep its schedule: ${lag} (limit ${ms(verdict.limitMs)}: ${LAG_RULE_TEXT})`];
  });
  if (broken.length === 0) return null;
  return { message: broken.join('; '), disqualifies: true };
}
