import type { OpenLoopResult, SecondSample } from '@paybench/bench-load';
import type {
  HarnessCost,
  OpenLoopSummary,
  Phase,
  PhaseSummary,
  ProcessSample,
  TrafficFigures,
} from '@paybench/bench-results';
import { secondsByPhase, WHOLE_WINDOW, type PhaseSeconds } from './phase-seconds.js';
import { resourceFigures } from './resource-usage.js';
import { judgeSeconds, timeToImpact, timeToRecover } from './second-verdicts.js';
import { trafficFigures, type SloContext } from './traffic-figures.js';

/**
 * Summarizes an open-loop cell from its per-second samples: each phase, the whole window, the
 * second-by-second timeline and the fault timings. The whole-window counts are checked against
 * the load generator's own whole-window tallies; a mismatch is noted, not hidden.
 */
export function summarizeOpenLoop(
  result: OpenLoopResult,
  phases: readonly Phase[],
  samples: readonly ProcessSample[],
  processNames: readonly string[],
  slo: SloContext,
  harness?: HarnessCost,
): OpenLoopSummary {
  const split = secondsByPhase(result.perSecond, phases, result.durationMs);
  const notes = [...split.notes];
  const classNames = Object.keys(result.classes);
  const summarize = (
    name: string,
    phase: { fromMs: number; toMs: number },
    seconds: readonly SecondSample[],
    coveredMs: number,
    drainSeconds: number,
  ): PhaseSummary => {
    const windowSeconds = seconds.filter((s) => s.second * 1000 < result.durationMs).map((s) => s.second);
    const classes: Record<string, TrafficFigures> = {};
    for (const className of classNames) {
      classes[className] = trafficFigures(
        seconds.flatMap((s) => (s.classes[className] ? [s.classes[className]] : [])),
        coveredMs,
        slo,
      );
    }
    const traffic = trafficFigures(
      seconds.flatMap((s) => Object.values(s.classes)),
      coveredMs,
      slo,
    );
    return {
      name,
      fromMs: phase.fromMs,
      toMs: phase.toMs,
      seconds: { first: windowSeconds.at(0) ?? null, last: windowSeconds.at(-1) ?? null, drainSeconds },
      coveredMs,
      traffic,
      classes,
      resources: resourceFigures(samples, processNames, { label: name, ...phase }, traffic.success, harness),
    };
  };
  const phaseSummary = (p: PhaseSeconds) =>
    summarize(p.phase.name, p.phase, [...p.windowSeconds, ...p.drainSeconds], p.coveredMs, p.drainSeconds.length);

  const windowCoveredMs = split.phases.reduce((total, p) => total + p.coveredMs, 0) + split.unassigned.length * 1000;
  const drain = result.perSecond.filter((s) => s.second * 1000 >= result.durationMs).length;
  const overall = summarize(
    WHOLE_WINDOW,
    { fromMs: 0, toMs: result.durationMs },
    result.perSecond,
    windowCoveredMs,
    drain,
  );
  notes.push(...crossCheck(overall, result));

  const timeline = judgeSeconds(split.phases, slo.sloP99Ms);
  const effectivePhases = split.phases.map((p) => p.phase);
  const lastPhase = effectivePhases.at(-1);
  return {
    kind: 'open',
    overall,
    phases: split.phases.map(phaseSummary),
    timeline,
    impact: effectivePhases.slice(1).map((phase) => timeToImpact(timeline, phase)),
    recovery: effectivePhases.length > 1 && lastPhase ? timeToRecover(timeline, lastPhase) : null,
    generator: {
      limited: result.generatorLimited,
      reason: result.reason ?? null,
      aborted: result.aborted,
      scheduleLagP99Ms: result.scheduleLag.p99 / 1000,
      scheduleLagMaxMs: result.scheduleLag.max / 1000,
    },
    notes,
  };
}

/** The per-second samples must add up to the generator's whole-window tallies, class by class. */
function crossCheck(overall: PhaseSummary, result: OpenLoopResult): string[] {
  const notes: string[] = [];
  for (const [name, whole] of Object.entries(result.classes)) {
    const fromSeconds = overall.classes[name];
    for (const field of ['scheduled', 'completed', 'success', 'error'] as const) {
      if (fromSeconds[field] !== whole[field]) {
        notes.push(
          `${name}: per-second samples add up to ${fromSeconds[field]} ${field}, the whole-window tally says ${whole[field]}`,
        );
      }
    }
    if (fromSeconds.latency.count !== whole.count) {
      notes.push(
        `${name}: per-second histograms hold ${fromSeconds.latency.count} samples, the whole-window histogram ${whole.count}`,
      );
    }
  }
  return notes;
}
