// Latency of each second of an open-loop cell's window: the per-second samples that give a run
// with a single repeat a noise estimate of its own.
import type { OpenLoopResult } from '@paybench/bench-load';
import type { Phase } from '@paybench/bench-results';
import { secondsByPhase } from '../summary/phase-seconds.js';
import { secondFigures } from '../summary/second-figures.js';

export interface SecondLatency {
  second: number;
  p50Ms: number;
  p99Ms: number;
}

/**
 * p50 and p99 of every window second with samples (all traffic classes merged, as the phase
 * figures are), listed for the whole window and for each phase. Drain seconds are left out: they
 * hold only the late answers of the last seconds, not a second of traffic. A second with no
 * sample (a stall: nothing completed) is left out too; its requests' latency shows in the second
 * in which they end.
 */
export function perSecondLatency(
  result: OpenLoopResult,
  phases: readonly Phase[],
): { whole: SecondLatency[]; byPhase: Map<string, SecondLatency[]> } {
  const latencyOf = (sample: OpenLoopResult['perSecond'][number]): SecondLatency[] => {
    const { second, p50Ms, p99Ms } = secondFigures(sample);
    return p50Ms === null || p99Ms === null ? [] : [{ second, p50Ms, p99Ms }];
  };
  const windowSeconds = result.perSecond
    .filter((s) => s.second * 1000 < result.durationMs)
    .sort((a, b) => a.second - b.second);
  const bySecond = new Map(windowSeconds.flatMap(latencyOf).map((s) => [s.second, s]));
  const split = secondsByPhase(result.perSecond, phases, result.durationMs);
  const byPhase = new Map(
    split.phases.map((p) => [p.phase.name, p.windowSeconds.flatMap((s) => bySecond.get(s.second) ?? [])]),
  );
  return { whole: [...bySecond.values()], byPhase };
}
