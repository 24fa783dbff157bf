export { startForwarder, CONTROL_HOST, type Forwarder } from './forwarder.js';
export { ForwarderClient, ForwarderRequestError } from './forwarder-client.js';
export {
  forwarderConfigSchema,
  configPatchSchema,
  sinkConfigSchema,
  parseWith,
  type ForwarderConfig,
  type ConfigPatch,
  type RuntimeConfig,
  type SinkConfig,
  type SinkMode,
  type WhenFull,
} from './config.js';
export type { ForwarderStats, SourceStats, Totals } from './forwarder-stats.js';
export { FORWARDER_CONFIG_ENV, FORWARDER_READY_EVENT, type ForwarderReady } from './process-protocol.js';
export { runForwarderProcess } from './run-forwarder-process.js';
export { LineFramer, DEFAULT_MAX_LINE_BYTES, type LineFramerOptions } from './line-framer.js';
export { FifoQueue } from './fifo-queue.js';
