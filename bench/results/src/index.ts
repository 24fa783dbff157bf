export type {
  FaultPhaseComparison,
  MedianBasis,
  RatioBounds,
  RatioIntervals,
  TopologyComparison,
  TopologyFigures,
  TopologyRatio,
} from './comparison-schema.js';
export { RUN_ID, compareRunIds, createRunDir } from './create-run-dir.js';
export { readRunResult } from './read-result.js';
export {
  RESULT_SCHEMA,
  RESULT_SCHEMA_VERSION,
  type AppliedFault,
  type AppliedLinkFault,
  type AppliedModuleFault,
  type CellCrash,
  type CellLoadResult,
  type CellResilience,
  type CellResult,
  type CellStatus,
  type ExternalRun,
  type ForwarderSample,
  type LinkProxyCpu,
  type Phase,
  type ProcessPolicyCounts,
  type ProcessSample,
  type RunResult,
} from './result-schema.js';
export type { Reconciliation } from './reconciliation.js';
export type { Pinning, RunEnvironment } from './run-environment.js';
export type { FloorMeasurement, MachineFloor, MissingFloor } from './machine-floor.js';
export type {
  CapacityPoint,
  CapacitySummary,
  CellSummary,
  ClosedLoopSummary,
  CrossCheckFigures,
  ImpactTiming,
  LatencyFigures,
  LogLineFigures,
  OpenLoopSummary,
  PhaseSummary,
  ProcessResources,
  RecoveryTiming,
  ResourceFigures,
  SecondVerdict,
  TrafficFigures,
} from './summary-schema.js';
export type { HarnessCost, HarnessProcessCost, WrkCrossCheck } from './measurement-checks.js';
export { writeFileAtomic } from './write-file-atomic.js';
export type { CalibrationResult, ClosedRung, LadderRung, OpenRung } from './calibration.js';
