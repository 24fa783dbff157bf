// Profiling: the built-in CPU breakdown (V8 CPU profiles of each process over a cell's measured
// window, self time by category) and clinic.js tools on one process of a topology. The breakdown
// tables of a run are computed in bench/src/summary/cpu-breakdown-groups.ts.
export { CATEGORY_RULES, categorize, ownCategory, type FrameInfo, type FrameCategory } from './categories.js';
export {
  CPU_CATEGORIES,
  CPU_CATEGORY_LABELS,
  type CpuCategory,
  type ProcessCpuProfile,
  type ClinicRun,
  type HotFunction,
  type V8CpuProfile,
} from './cpu-profile-types.js';
export { summarizeCpuProfile, type CpuProfileFigures } from './summarize-cpu-profile.js';
export {
  CLINIC_TOOLS,
  REFUSED_CLINIC_TOOLS,
  DEFAULT_CLINIC_TIMEOUT_MS,
  isClinicTool,
  type ClinicTool,
} from './clinic.js';
export { selectProcesses, ProfileSelectionError, type ProcessSelection } from './select-processes.js';
export { defaultProfileScenario, DEFAULT_PROFILE_SCENARIO_FILE } from './default-scenario.js';
export { DEFAULT_SAMPLING_INTERVAL_US } from './collect-cpu-profiles.js';
