import pino, { type Logger } from 'pino';

/**
 * How the process writes its log lines to stdout. This is one of the three switches of the
 * 2021 incident (app logger, log driver, forwarder buffer):
 * - `sync`: pino's synchronous destination: a write that cannot complete blocks the event loop;
 * - `async`: pino's default asynchronous destination: unwritten output queues in memory, unbounded.
 */
export type LoggerMode = 'sync' | 'async';

export interface LoggerOptions {
  /** The process name carried by every line (`proc`). */
  processName: string;
  mode?: LoggerMode;
  level?: pino.LevelWithSilent;
  /** Adds fields to every line (used for the current trace id). */
  context?: () => Record<string, unknown>;
  /** Where to write; defaults to stdout (fd 1). Tests pass a stream. */
  destination?: pino.DestinationStream;
}

export interface ProcessLogger {
  logger: Logger;
  /** Lines handed to the destination so far (the next line's `seq` is this number + 1). */
  emitted(): number;
  flush(): void;
}

/**
 * Creates the process logger: JSON lines on stdout, each with the process name and a
 * per-process sequence number, so the pipeline can account for every line end to end.
 */
export function createLogger(options: LoggerOptions): ProcessLogger {
  let seq = 0;
  const destination =
    options.destination ?? pino.destination({ dest: 1, sync: (options.mode ?? 'async') === 'sync', minLength: 0 });
  const context = options.context;
  const logger = pino(
    {
      level: options.level ?? 'info',
      base: { proc: options.processName },
      timestamp: pino.stdTimeFunctions.epochTime,
      messageKey: 'msg',
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => ({ seq: ++seq, ...(context ? context() : {}) }),
    },
    destination,
  );
  return {
    logger,
    emitted: () => seq,
    flush: () => {
      const flushable = destination as { flushSync?: () => void };
      try {
        flushable.flushSync?.();
      } catch {
        // Flushing at exit is best effort: a full pipe must not turn shutdown into a crash.
      }
    },
  };
}

export type { Logger };
