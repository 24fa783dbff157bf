import type { ForwarderAddress } from './forwarder-connection.js';

/**
 * The log driver's two modes, as in Docker (CONTEXT.md section 3):
 * - `blocking` (Docker's default): nothing is buffered beyond the lines being written. When the
 *   forwarder is slow or gone, the driver stops reading the process's stdout, the pipe fills,
 *   and the process's own writes wait. Nothing is lost; the process stalls.
 * - `non-blocking`: a bounded buffer between reading and forwarding. Reading never stops; when
 *   the buffer is full the newest line is dropped (and, unlike Docker, counted). The process
 *   never stalls; logs are lost instead.
 */
export type LogDriverMode = 'blocking' | 'non-blocking';
export const LOG_DRIVER_MODES: readonly LogDriverMode[] = ['blocking', 'non-blocking'];

/** Docker's default `max-buffer-size` (1 MB, taken here as 1 MiB). */
export const DEFAULT_LOG_DRIVER_BUFFER_BYTES = 1024 * 1024;
export const DEFAULT_LOG_DRIVER_CLOSE_TIMEOUT_MS = 1_000;

export interface LogDriverOptions {
  /** Whose output this is (the process name); reported in stats. */
  readonly source: string;
  readonly mode: LogDriverMode;
  /**
   * `non-blocking` only: the most bytes of lines (newlines included) the buffer holds before it
   * drops the newest. A line is always accepted into an empty buffer, however long.
   * Default 1 MiB.
   */
  readonly maxBufferBytes?: number;
  /** The log-forwarder's TCP source (newline-delimited JSON). */
  readonly forwarder: ForwarderAddress;
  /** How long `close()` waits by default for buffered lines to reach the forwarder (default 1 s). */
  readonly closeTimeoutMs?: number;
}

/**
 * What the driver did with every line it read. At every moment:
 *
 *   linesRead === linesForwarded + linesDropped + bufferedLines
 *
 * A line is counted as read when its newline arrives (empty lines are not lines), and moves in
 * one synchronous step to exactly one of: forwarded (handed to the forwarder's socket), dropped
 * (the non-blocking buffer was full) or buffered (waiting for the connection). There is no
 * fourth "being written" state: `socket.write()` takes the line at once. After `close()`,
 * `bufferedLines` are the lines that never reached the forwarder.
 */
export interface LogDriverStats {
  readonly source: string;
  readonly mode: LogDriverMode;
  /** `non-blocking`'s buffer bound, in bytes (unused in `blocking`). */
  readonly maxBufferBytes: number;
  /** Complete, non-empty lines read from the process. */
  readonly linesRead: number;
  /** Every byte read from the process, partial line, newlines and empty lines included. */
  readonly bytesRead: number;
  readonly linesForwarded: number;
  readonly bytesForwarded: number;
  readonly linesDropped: number;
  readonly bytesDropped: number;
  /**
   * `linesForwarded` when the last connection to the forwarder closed (0 before any closed): the
   * lines handed to connections that are gone. Those the forwarder did not receive were lost
   * with their connection; the protocol has no acknowledgements, so only the forwarder's count
   * of lines received tells how many (see log-accounting.ts).
   */
  readonly linesForwardedToClosedConnections: number;
  /** Established connections to the forwarder that have closed (broken, or ended by `close()`). */
  readonly closedConnections: number;
  readonly bufferedLines: number;
  readonly bufferedBytes: number;
  /** Bytes of a line still waiting for its newline (not counted in any line figure). */
  readonly partialBytes: number;
  readonly connected: boolean;
  /** Connection attempts after the first (every retry counts, successful or not). */
  readonly reconnects: number;
  /** Why the last connection to the forwarder failed or broke. */
  readonly lastConnectionError: string | undefined;
  /** The driver has stopped reading the process's output (blocking backpressure, or closed). */
  readonly readingPaused: boolean;
  /** The process's output reached end-of-file. */
  readonly inputEnded: boolean;
}
