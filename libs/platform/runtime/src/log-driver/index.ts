export { LogDriver } from './log-driver.js';
export {
  DEFAULT_LOG_DRIVER_BUFFER_BYTES,
  DEFAULT_LOG_DRIVER_CLOSE_TIMEOUT_MS,
  LOG_DRIVER_MODES,
  type LogDriverMode,
  type LogDriverOptions,
  type LogDriverStats,
} from './log-driver-options.js';
export type { ForwarderAddress } from './forwarder-connection.js';
