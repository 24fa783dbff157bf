import type { Readable } from 'node:stream';
import { LineFramer } from '@paybench/platform-log-forwarder';
import { ForwarderConnection } from './forwarder-connection.js';
import { LineQueue } from './line-queue.js';
import {
  DEFAULT_LOG_DRIVER_BUFFER_BYTES,
  DEFAULT_LOG_DRIVER_CLOSE_TIMEOUT_MS,
  type LogDriverMode,
  type LogDriverOptions,
  type LogDriverStats,
} from './log-driver-options.js';

/**
 * Carries one process's stdout to the log-forwarder, line by line, the way Docker's log driver
 * does, in `blocking` or `non-blocking` mode (see `LogDriverMode`).
 *
 * Both modes share one shape: lines the connection cannot take at once wait in a queue. In
 * `blocking` mode the queue is never more than the rest of the chunk just read, because the
 * driver stops reading as soon as anything waits; that pause is what pushes back through the
 * pipe into the process. In `non-blocking` mode reading never stops and the queue is bounded in
 * bytes instead, dropping the newest line when full.
 *
 * The driver reads `input` but does not own it: the caller handles its errors and destroys it.
 */
export class LogDriver {
  private readonly input: Readable;
  private readonly source: string;
  private readonly maxBufferBytes: number;
  private readonly closeTimeoutMs: number;
  /** Lines go on as the process printed them: no copy, no length limit; empty lines carry nothing. */
  private readonly framer = new LineFramer({ keepNewline: true, skipEmptyLines: true, maxLineBytes: Infinity });
  private readonly queue = new LineQueue();
  private readonly connection: ForwarderConnection;
  private mode: LogDriverMode;
  private linesRead = 0;
  private bytesRead = 0;
  private linesForwarded = 0;
  private bytesForwarded = 0;
  private linesDropped = 0;
  private bytesDropped = 0;
  private linesForwardedToClosedConnections = 0;
  private closedConnections = 0;
  private readingPaused = true;
  private inputEnded = false;
  private stopped = false;
  private closing: Promise<void> | undefined;
  private onQueueEmpty: (() => void) | undefined;

  constructor(input: Readable, options: LogDriverOptions) {
    const maxBufferBytes = options.maxBufferBytes ?? DEFAULT_LOG_DRIVER_BUFFER_BYTES;
    if (!Number.isSafeInteger(maxBufferBytes) || maxBufferBytes <= 0) {
      throw new RangeError(`maxBufferBytes must be a positive integer, got ${maxBufferBytes}`);
    }
    this.input = input;
    this.source = options.source;
    this.mode = options.mode;
    this.maxBufferBytes = maxBufferBytes;
    this.closeTimeoutMs = options.closeTimeoutMs ?? DEFAULT_LOG_DRIVER_CLOSE_TIMEOUT_MS;
    this.connection = new ForwarderConnection(options.forwarder, {
      onChange: () => this.update(),
      onClosed: () => {
        // Every line forwarded so far went to this connection or an earlier one, all closed now.
        this.linesForwardedToClosedConnections = this.linesForwarded;
        this.closedConnections++;
      },
    });
    // Start from a known state whatever the owner did with the stream: paused, then resumed by
    // update() only if this mode may read now (a blocking driver waits for the connection).
    input.pause();
    input.on('data', this.onData);
    input.once('end', this.onEnd);
    this.update();
  }

  /**
   * Switches mode while running (the incident's fix, applied live). Lines already buffered stay;
   * a non-blocking buffer above its bound drops new lines until it drains below it.
   */
  setMode(mode: LogDriverMode): void {
    this.mode = mode;
    this.update();
  }

  stats(): LogDriverStats {
    return {
      source: this.source,
      mode: this.mode,
      maxBufferBytes: this.maxBufferBytes,
      linesRead: this.linesRead,
      bytesRead: this.bytesRead,
      linesForwarded: this.linesForwarded,
      bytesForwarded: this.bytesForwarded,
      linesDropped: this.linesDropped,
      bytesDropped: this.bytesDropped,
      linesForwardedToClosedConnections: this.linesForwardedToClosedConnections,
      closedConnections: this.closedConnections,
      bufferedLines: this.queue.length,
      bufferedBytes: this.queue.bytes,
      partialBytes: this.framer.partialBytes,
      connected: this.connection.connected,
      reconnects: this.connection.reconnects,
      lastConnectionError: this.connection.lastError,
      readingPaused: this.readingPaused,
      inputEnded: this.inputEnded,
    };
  }

  /**
   * Stops reading (for good), gives buffered lines up to `timeoutMs` to reach the forwarder, then
   * closes the connection. Stop the process first: a process still writing to a `blocking`
   * driver's pipe would wait forever once the driver stops reading. Lines not delivered by then
   * stay counted in `bufferedLines`; an unterminated last line stays in `partialBytes`.
   */
  close(timeoutMs = this.closeTimeoutMs): Promise<void> {
    this.closing ??= this.shutdown(timeoutMs);
    return this.closing;
  }

  private async shutdown(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    this.stopped = true;
    this.input.off('data', this.onData);
    this.input.off('end', this.onEnd);
    this.setReading(false);
    if (this.queue.length > 0) {
      let timer: NodeJS.Timeout | undefined;
      await new Promise<void>((resolve) => {
        this.onQueueEmpty = resolve;
        timer = setTimeout(resolve, timeoutMs);
      });
      clearTimeout(timer);
      this.onQueueEmpty = undefined;
    }
    await this.connection.close(Math.max(0, deadline - Date.now()));
  }

  private readonly onData = (chunk: Buffer | string): void => {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    this.bytesRead += bytes.length;
    this.connection.batch(() => this.framer.push(bytes, this.acceptLine));
    this.update();
  };

  private readonly onEnd = (): void => {
    this.inputEnded = true;
    const last = this.framer.end();
    if (last) this.connection.batch(() => this.acceptLine(last));
    this.update();
  };

  private readonly acceptLine = (line: Buffer): void => {
    this.linesRead++;
    if (this.queue.length === 0 && this.connection.writable) {
      this.forward(line);
    } else if (
      this.mode === 'non-blocking' &&
      this.queue.length > 0 &&
      this.queue.bytes + line.length > this.maxBufferBytes
    ) {
      this.linesDropped++;
      this.bytesDropped += line.length;
    } else {
      this.queue.push(line);
    }
  };

  private forward(line: Buffer): void {
    this.linesForwarded++;
    this.bytesForwarded += line.length;
    this.connection.write(line);
  }

  /** Moves what the connection can take out of the queue, then decides whether to keep reading. */
  private update(): void {
    if (this.queue.length > 0 && this.connection.writable) {
      this.connection.batch(() => {
        while (this.queue.length > 0 && this.connection.writable) this.forward(this.queue.shift() as Buffer);
      });
    }
    if (this.queue.length === 0) this.onQueueEmpty?.();
    const canRead = this.mode === 'non-blocking' || (this.queue.length === 0 && this.connection.writable);
    this.setReading(!this.stopped && canRead);
  }

  private setReading(reading: boolean): void {
    if (reading === !this.readingPaused) return;
    this.readingPaused = !reading;
    if (reading) this.input.resume();
    else this.input.pause();
  }
}
