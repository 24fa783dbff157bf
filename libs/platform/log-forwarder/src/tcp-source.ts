import { createServer, type Server, type Socket } from 'node:net';
import { closeServer } from '@paybench/platform-http';
import { LineFramer } from './line-framer.js';
import { isBlankLine, parseLogLine, type LogEvent } from './log-event.js';
import type { Pipeline } from './pipeline.js';

/** One log driver's connection and the events it delivered that the buffer has not taken yet. */
interface Connection {
  socket: Socket;
  framer: LineFramer;
  /**
   * Parsed events waiting for room. Under `block` the chunk being read when the buffer filled
   * still holds events; they wait here (at most one chunk's worth) rather than being lost.
   */
  held: LogEvent[];
  closed: boolean;
}

/**
 * Vector's `socket` source in TCP mode with newline framing. Under `when_full: block` a full
 * buffer pauses reading on every connection, so the kernel socket buffers fill and the senders'
 * writes back up: the backpressure of the 2021 incident travels over real TCP.
 */
export class TcpSource {
  readonly server: Server;
  readonly #pipeline: Pipeline;
  readonly #connections = new Set<Connection>();
  #paused = false;

  constructor(pipeline: Pipeline) {
    this.#pipeline = pipeline;
    this.server = createServer((socket) => this.#accept(socket));
  }

  /** True while reading is paused because the buffer is full (`block` only). */
  get paused(): boolean {
    return this.#paused;
  }

  get connections(): number {
    return this.#connections.size;
  }

  /**
   * Moves held events into the buffer and, once every connection's backlog fits, reads again.
   * Called whenever the buffer may have room (after a sink batch, or a config change).
   */
  release(): void {
    if (!this.#paused) return;
    for (const connection of this.#connections) {
      if (!this.#deliverHeld(connection)) return;
    }
    this.#paused = false;
    for (const connection of this.#connections) {
      if (connection.closed) this.#connections.delete(connection);
      else connection.socket.resume();
    }
  }

  /** Stops accepting and drops every connection (events not yet buffered go with them). */
  close(): Promise<void> {
    for (const connection of this.#connections) connection.socket.destroy();
    this.#connections.clear();
    return closeServer(this.server);
  }

  #accept(socket: Socket): void {
    const connection: Connection = { socket, framer: new LineFramer(), held: [], closed: false };
    this.#connections.add(connection);
    if (this.#paused) socket.pause();
    socket.on('data', (chunk: Buffer) => {
      const lines: Buffer[] = [];
      const overlong = connection.framer.push(chunk, (line) => lines.push(line));
      this.#pipeline.malformed(overlong);
      this.#receive(connection, lines);
    });
    socket.on('end', () => {
      const last = connection.framer.end();
      if (last) this.#receive(connection, [last]);
    });
    // A log driver that vanishes (ECONNRESET) is ordinary; the 'close' that follows cleans up.
    socket.on('error', () => undefined);
    socket.on('close', () => {
      connection.closed = true;
      // Held events still count as delivered by this sender: keep them until the buffer takes them.
      if (connection.held.length === 0) this.#connections.delete(connection);
    });
  }

  #receive(connection: Connection, lines: Buffer[]): void {
    let malformed = 0;
    for (const line of lines) {
      if (isBlankLine(line)) continue;
      const event = parseLogLine(line);
      if (event) connection.held.push(event);
      else malformed++;
    }
    if (malformed > 0) this.#pipeline.malformed(malformed);
    // While paused, data already in flight is only held: order across the backlog is kept.
    if (this.#paused) return;
    if (!this.#deliverHeld(connection)) this.#pauseAll();
  }

  /** Offers held events in order; false when the buffer refused one (the source must wait). */
  #deliverHeld(connection: Connection): boolean {
    const held = connection.held;
    let delivered = 0;
    while (delivered < held.length && this.#pipeline.offer(held[delivered] as LogEvent)) delivered++;
    if (delivered === held.length) connection.held = [];
    else if (delivered > 0) connection.held = held.slice(delivered);
    return connection.held.length === 0;
  }

  #pauseAll(): void {
    this.#paused = true;
    for (const connection of this.#connections) {
      if (!connection.closed) connection.socket.pause();
    }
  }
}
