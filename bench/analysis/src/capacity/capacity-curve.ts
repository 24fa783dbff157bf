import { judgeStep, STEP_MIN_AVAILABILITY, type StepsResult } from '@paybench/bench-load';
import type { CapacityPoint, CapacitySummary } from '@paybench/bench-results';
import { judgeGeneratorLag } from '../validity/generator-lag-rule.js';

/**
 * A stepped cell's latency-throughput curve and its capacity: the highest offered rate whose step
 * kept the SLO (slowest class p99 within it, >= 99.9% answered: judgeStep, the rule the steps
 * themselves stopped on) with a generator that kept its schedule (judgeGeneratorLag). A step beyond
 * the SLO below a step within it does not lower the capacity: on a noisy machine one step can miss;
 * the curve shows it.
 */
export function capacityCurve(result: StepsResult): CapacitySummary {
  const points = result.steps.map(({ rate, result: step }): CapacityPoint => {
    const verdict = judgeStep(step, result.sloP99Ms);
    const classes = Object.values(step.classes);
    const counted = classes.filter((c) => c.count > 0);
    const slowest = counted.length > 0 ? counted.reduce((a, b) => (b.p99 > a.p99 ? b : a)) : null;
    const lagP99Ms = step.scheduleLag.p99 / 1000;
    return {
      // The step's planned rate: the schedule offers exactly it (requests due / window, up to rounding the count).
      offeredRate: rate,
      achievedRate: classes.reduce((total, c) => total + c.achievedRate, 0),
      p50Ms: slowest ? slowest.p50 / 1000 : null,
      p99Ms: verdict.p99Ms,
      availability: verdict.availability,
      lagP99Ms,
      withinSlo: verdict.withinSlo,
      lagValid: !judgeGeneratorLag(lagP99Ms, verdict.p99Ms ?? 0).exceeded,
    };
  });
  const kept = points.filter((p) => p.withinSlo && p.lagValid).map((p) => p.offeredRate);
  return {
    kind: 'steps',
    sloP99Ms: result.sloP99Ms,
    minAvailability: STEP_MIN_AVAILABILITY,
    points,
    capacityRps: kept.length > 0 ? Math.max(...kept) : null,
    stoppedBy: result.stoppedBy,
  };
}
