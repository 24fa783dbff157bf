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
