export {
  startTopology,
  DEFAULT_LOG_PIPELINE,
  type StartOptions,
  type RunningTopology,
  type LogPipelineOptions,
} from './supervisor.js';
export { SupervisedProcess, type ExitInfo, type StdoutSink, type ProcessWrapper } from './supervised-process.js';
export {
  startForwarderProcess,
  type ForwarderControl,
  type ForwarderProcess,
  type ForwarderSettings,
} from './forwarder-process.js';
export { startSyslogNgForwarder } from './syslog-ng/syslog-ng-forwarder.js';
export { findBinary } from './syslog-ng/syslog-ng-process.js';
export {
  readLogAccounting,
  accountFor,
  accountForKilledLife,
  type KilledLife,
  type ForwarderGone,
  type LogAccounting,
  type ProcessLogAccount,
} from './log-accounting.js';
export {
  startLinkProxies,
  placeLinks,
  inProcessNote,
  linkName,
  type ModuleLink,
  type PlacedLink,
  type LinkProxies,
  type LinkProxyStats,
} from './link-proxies.js';
export {
  hostOfModule,
  putModuleFaults,
  type CrashHandle,
  type CrashRecord,
  type RestartOutcome,
} from './module-faults.js';
export { crashModule } from './crash-module.js';
export { locateApp } from './locate-app.js';
export { waitForHttp } from './wait-for-http.js';
export * from './log-driver/index.js';
export { createStdoutPipe, type StdoutPipe } from './stdout-pipe.js';
export { serveRuntimeControl } from './control-api.js';
export { runPodLogDriver, PodLogDriverConfig, POD_LOG_DRIVER_ENV } from './pod-log-driver.js';
export { readProcUsage, parseProcUsage, type ProcUsage } from './proc-usage.js';
