export {
  defineModule,
  type ModuleDefinition,
  type ModuleContext,
  type DependencyApis,
  type Settings,
  type SettingsSchema,
  type NoSettings,
} from './module-definition.js';
export { composeModules, type ComposeOptions, type ComposedApis } from './compose-modules.js';
export { runProcess, main, type RunningProcess } from './run-process.js';
export { mountCpuProfiler } from './cpu-profiler.js';
export { ModuleFaultInjector, mountModuleFaults, moduleFaultsPath } from './module-faults/index.js';
export { type ProcessSampleReply } from './sample-endpoint.js';
