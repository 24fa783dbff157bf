export {
  HIGHEST_TRACKABLE_MICROS,
  createLatencyHistogram,
  recordMillis,
  summarizeLatency,
  type LatencySummary,
} from './latency-histogram.js';
export type {
  GeneratorWorkers,
  OpenLoopResult,
  SecondClassSample,
  SecondSample,
  WorkerShare,
} from './open-loop-result.js';
export { DEFAULT_CONNECTIONS, runOpenLoop } from './open-loop.js';
export { ClientRetryPolicy, isRetryable, type ClientRetryOptions, type RetryDecision } from './client-retries.js';
export { RateSchedule, type RateStep } from './rate-schedule.js';
export {
  createTally,
  summarizeTally,
  tallyEnding,
  type OutcomeCounts,
  type OutcomeTally,
  type RequestEnding,
} from './outcome-tally.js';
export { createTrafficMix, type MixPick } from './traffic-mix.js';
export { classifyStatus, type RequestSpec, type TrafficClass } from './request-spec.js';
export { runSaturation, type SaturationResult } from './saturation.js';
export { TRANSPORT_ERROR_KINDS, noErrors, type ErrorsByKind } from './transport-error.js';
export { idHash, isHttpStatus, LEDGER_CODE, RequestLedger, type LedgerSnapshot } from './request-ledger.js';
export * from './wrk/index.js';
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
export * from './workers/index.js';
