export { createLogger, type Logger, type LoggerMode, type LoggerOptions, type ProcessLogger } from './create-logger.js';
