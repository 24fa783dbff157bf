export {
  HIGHEST_TRACKABLE_MICROS,
  createLatencyHistogram,
  recordMillis,
  summarizeLatency,
  type LatencySummary,
} from './latency-histogram.js';
export type { OpenLoopResult, SecondClassSample, SecondSample } from './open-loop-result.js';
export { runOpenLoop } from './open-loop.js';
export { createTally, summarizeTally, tallyEnding, type OutcomeCounts, type OutcomeTally } from './outcome-tally.js';
export { classifyStatus, type RequestSpec, type TrafficClass } from './request-spec.js';
export { runSaturation, type SaturationResult } from './saturation.js';
export { TRANSPORT_ERROR_KINDS, noErrors, type ErrorsByKind } from './transport-error.js';
export {
  judgeStep,
  runSteps,
  stepRates,
  stepsShouldStop,
  STEP_MIN_AVAILABILITY,
  STEPS_BEYOND_SLO_TO_STOP,
  type StepPlan,
  type StepResult,
  type StepsOptions,
  type StepsResult,
  type StepVerdict,
} from './steps.js';
