// Stepped load for capacity at the SLO: a sequence of open-loop runs at geometrically rising rates.
// Each step is a whole runOpenLoop (its own schedule, warm-up, drain and raw histograms), so the open
// loop's per-request path is unchanged and a step's figures mean exactly what a cell's do.
import { runOpenLoop, type OpenLoopOptions } from './open-loop.js';
import type { OpenLoopResult } from './open-loop-result.js';
import type { TrafficClass } from './request-spec.js';

/** The least share of requests due that must be answered (2xx or a business rejection) for a step to count. */
export const STEP_MIN_AVAILABILITY = 0.999;
/** Two steps in a row beyond the SLO: one might be a hiccup of a noisy machine, two is the knee. */
export const STEPS_BEYOND_SLO_TO_STOP = 2;

export interface StepPlan {
  start: number;
  factor: number;
  maxSteps: number;
  maxRate?: number;
}

/** The offered rates, in order: start x factor^i, at most maxSteps of them and none above maxRate. */
export function stepRates(plan: StepPlan): number[] {
  const rates: number[] = [];
  for (let i = 0; i < plan.maxSteps; i++) {
    // Rounded to 0.1 req/s so that labels and tracked names stay readable.
    const rate = Math.round(plan.start * plan.factor ** i * 10) / 10;
    if (plan.maxRate !== undefined && rate > plan.maxRate) break;
    rates.push(rate);
  }
  return rates;
}

export interface StepVerdict {
  /** The slowest class's p99 over the step, ms (null: nothing answered). */
  p99Ms: number | null;
  /** (2xx + 422) / requests due, over all classes. */
  availability: number;
  withinSlo: boolean;
}

/** A step keeps the SLO when its slowest class's p99 is within it and at least 99.9% of requests due were answered. */
export function judgeStep(result: OpenLoopResult, sloP99Ms: number): StepVerdict {
  const classes = Object.values(result.classes);
  const due = classes.reduce((total, c) => total + c.scheduled, 0);
  const answered = classes.reduce((total, c) => total + c.success + c.rejection, 0);
  const counted = classes.filter((c) => c.count > 0);
  const p99Ms = counted.length > 0 ? Math.max(...counted.map((c) => c.p99)) / 1000 : null;
  const availability = due === 0 ? 0 : answered / due;
  const withinSlo = p99Ms !== null && p99Ms <= sloP99Ms && availability >= STEP_MIN_AVAILABILITY;
  return { p99Ms, availability, withinSlo };
}

/** True once the last STEPS_BEYOND_SLO_TO_STOP steps all broke the SLO. */
export function stepsShouldStop(withinSlo: readonly boolean[]): boolean {
  const last = withinSlo.slice(-STEPS_BEYOND_SLO_TO_STOP);
  return last.length === STEPS_BEYOND_SLO_TO_STOP && last.every((ok) => !ok);
}

export interface StepResult {
  /** The offered rate of the step, req/s. */
  rate: number;
  /** The step's own open-loop result, raw histograms included. */
  result: OpenLoopResult;
}

export interface StepsResult {
  steps: StepResult[];
  /** Why the ladder ended: `slo` (two steps in a row beyond it), `plan` (maxSteps or maxRate), `aborted`. */
  stoppedBy: 'slo' | 'plan' | 'aborted';
  sloP99Ms: number;
  stepMs: number;
}

export type StepsOptions = Omit<OpenLoopOptions, 'ratePerSecond' | 'durationMs' | 'onSecond' | 'classes'> & {
  plan: StepPlan;
  /**
   * The traffic classes of step `index` (0-based). A step's requests are numbered from 0 again, so
   * classes whose requests must differ between steps (idempotency keys: a repeated key is a cheap
   * replay, not a purchase) are built per step.
   */
  classesForStep(index: number): TrafficClass[];
  stepMs: number;
  sloP99Ms: number;
  /** Called as each step ends. */
  onStep?(step: StepResult, verdict: StepVerdict): void;
};

/** Runs the steps in order, each with the given warm-up, until the plan ends or the SLO breaks twice in a row. */
export async function runSteps(options: StepsOptions): Promise<StepsResult> {
  const { plan, stepMs, sloP99Ms, onStep, classesForStep, ...open } = options;
  const steps: StepResult[] = [];
  const within: boolean[] = [];
  let stoppedBy: StepsResult['stoppedBy'] = 'plan';
  for (const [index, rate] of stepRates(plan).entries()) {
    const classes = classesForStep(index);
    const result = await runOpenLoop({ ...open, classes, ratePerSecond: rate, durationMs: stepMs });
    const step = { rate, result };
    steps.push(step);
    const verdict = judgeStep(result, sloP99Ms);
    within.push(verdict.withinSlo);
    onStep?.(step, verdict);
    if (result.aborted) {
      stoppedBy = 'aborted';
      break;
    }
    if (stepsShouldStop(within)) {
      stoppedBy = 'slo';
      break;
    }
  }
  return { steps, stoppedBy, sloP99Ms, stepMs };
}
