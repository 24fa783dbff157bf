import pino, { type Logger } from 'pino';

/**
 * How the process writes its log lines to stdout: the third switch of the 2021 incident, next
 * to the log driver's mode and the forwarder's buffer policy (CONTEXT.md section 3).
 * - `sync`: pino's synchronous destination. A write that cannot complete blocks the event loop:
 *   when the pipe is full, the process stops serving requests.
 * - `async`: pino's default asynchronous destination. Unwritten output queues in the process's
 *   memory without bound: the process keeps serving while its memory grows.
 * - `async-bounded`: asynchronous with a bounded buffer (sonic-boom's `maxLength`): when the
 *   buffer is full the newest line is dropped in-process, and counted.
 * - `off`: no line is built or written (pino disabled): what the binding costs without logging's share.
 */
export type LoggerMode = 'sync' | 'async' | 'async-bounded' | 'off';
export const LOGGER_MODES: readonly LoggerMode[] = ['sync', 'async', 'async-bounded', 'off'];

export interface LoggerOptions {
  /** The process name carried by every line (`proc`). */
  processName: string;
  mode?: LoggerMode;
  /** Buffer bound for `async-bounded`, in bytes (default 1 MiB). */
  maxBufferBytes?: number;
  level?: pino.LevelWithSilent;
  /** Adds fields to every line (used for the current trace id). */
  context?: () => Record<string, unknown>;
  /** Where to write; defaults to stdout (fd 1). Tests pass a stream. */
  destination?: pino.DestinationStream;
}

/** What the logger knows about its own lines, for the pipeline's end-to-end accounting. */
export interface LoggerStats {
  mode: LoggerMode;
  /** Lines handed to the destination (= the last `seq` stamped). */
  emitted: number;
  /** Lines the bounded buffer refused (`async-bounded` only). */
  dropped: number;
}

export interface ProcessLogger {
  logger: Logger;
  stats(): LoggerStats;
  flush(): void;
}

export const DEFAULT_LOGGER_BUFFER_BYTES = 1024 * 1024;

/**
 * Creates the process logger: JSON lines on stdout, each with the process name and a gap-free
 * per-process sequence number, so the pipeline can account for every line end to end.
 */
export function createLogger(options: LoggerOptions): ProcessLogger {
  const mode = options.mode ?? 'async';
  let seq = 0;
  let dropped = 0;
  const destination =
    options.destination ?? stdoutDestination(mode, options.maxBufferBytes ?? DEFAULT_LOGGER_BUFFER_BYTES);
  // sonic-boom emits 'drop' once per refused write; pino writes one line per call.
  (destination as Partial<NodeJS.EventEmitter>).on?.('drop', () => {
    dropped++;
  });
  const context = options.context;
  const logger = pino(
    {
      enabled: mode !== 'off',
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
    stats: () => ({ mode, emitted: seq, dropped }),
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

function stdoutDestination(mode: LoggerMode, maxBufferBytes: number): pino.DestinationStream {
  if (mode === 'sync') return pino.destination({ dest: 1, sync: true });
  if (mode === 'async') return pino.destination({ dest: 1, sync: false });
  return pino.destination({ dest: 1, sync: false, maxLength: maxBufferBytes });
}

export type { Logger };
