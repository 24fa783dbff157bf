export {
  INCIDENT_PHASES,
  cellResult,
  incidentCell,
  incidentSeconds,
  openLoopResult,
  processSamples,
  runResult,
  steadyCell,
  times,
} from './cell.js';
export { cpuProfile } from './profile.js';
export { quickRun, scaleLatency, validQuickRun, withCopiedLogging, withoutCells } from './quick-run.js';
export { incidentRun } from './run.js';
export { openRung } from './calibration.js';
export { BLAST_PHASES, blastRun, microservicesSeconds, monolithSeconds } from './blast.js';
export { stepsCell, stepsResult, type StepSpec } from './steps.js';
