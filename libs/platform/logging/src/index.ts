export {
  createLogger,
  LOGGER_MODES,
  DEFAULT_LOGGER_BUFFER_BYTES,
  type Logger,
  type LoggerMode,
  type LoggerOptions,
  type LoggerStats,
  type ProcessLogger,
} from './create-logger.js';
