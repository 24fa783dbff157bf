export { TopologySpec, ProcessSpec } from './topology-schema.js';
export { TopologyCatalog, loadTopologyCatalog, builtInTopologyNames } from './topology-catalog.js';
export {
  loadTopology,
  resolveTopology,
  isLoopbackHost,
  type ResolvedTopology,
  type ResolvedProcess,
  type ResolveOptions,
} from './resolve-topology.js';
export {
  ProcessConfig,
  LOGGER_MODES,
  type ProcessConfigInput,
  PROCESS_CONFIG_ENV,
  LIFELINE_FD_ENV,
  readProcessConfig,
  processConfigFor,
} from './process-config.js';
export { exitWhenSupervisorDies } from './lifeline.js';
export {
  InProcessModuleFault,
  ModuleFaultsBody,
  IN_PROCESS_FAULT_TYPES,
  refineOnePerKind,
  type InProcessModuleFaultInput,
} from './module-faults.js';
