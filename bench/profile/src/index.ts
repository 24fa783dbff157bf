// Inputs layer: profiling. V8 CPU profiles summarised by category (the rules in categories.ts) and the
// clinic.js wrapper for one process of a topology. Collecting profiles during a cell is the runner's job
// (bench/cli/src/run/collect-cpu-profiles.ts); the breakdown tables are computed in bench/analysis.
export {
  CLINIC_TOOLS,
  DEFAULT_CLINIC_TIMEOUT_MS,
  REFUSED_CLINIC_TOOLS,
  clinicOutcome,
  clinicWrapper,
  isClinicTool,
  type ClinicTool,
} from './clinic.js';
export {
  CPU_CATEGORIES,
  CPU_CATEGORY_LABELS,
  type ClinicRun,
  type CpuCategory,
  type HotFunction,
  type ProcessCpuProfile,
  type V8CpuProfile,
} from './cpu-profile-types.js';
export { ProfileSelectionError, selectProcesses } from './select-processes.js';
export { emptyCategories, summarizeCpuProfile } from './summarize-cpu-profile.js';
