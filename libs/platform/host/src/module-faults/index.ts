export { ModuleFaultInjector } from './module-fault-injector.js';
export { mountModuleFaults, moduleFaultsPath } from './module-fault-routes.js';
export { busyFor, startBlocks, startCpuHog, HOG_SLICE_MS } from './busy-loops.js';
