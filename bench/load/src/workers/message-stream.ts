import { createInterface } from 'node:readline';
import type { Duplex } from 'node:stream';
import type { z } from 'zod';

/** Longest line accepted: a done message with a long run's per-second histograms stays far below. */
const MAX_LINE_CHARS = 64 * 1024 * 1024;

/**
 * One end of the worker protocol over a duplex stream: newline-delimited JSON, each incoming line validated
 * against `schema`. A line that is not a valid message ends the stream with an error: the peer is not speaking
 * the protocol (or not this version of it).
 */
export class MessageStream<In, Out> {
  readonly #stream: Duplex;
  readonly #schema: z.ZodType<In>;

  constructor(stream: Duplex, schema: z.ZodType<In>) {
    this.#stream = stream;
    this.#schema = schema;
  }

  send(message: Out): void {
    if (!this.#stream.writable) return;
    this.#stream.write(`${JSON.stringify(message)}\n`);
  }

  /** Calls `onMessage` for each message; `onEnd` once, when the stream closes or breaks (with the reason). */
  listen(onMessage: (message: In) => void, onEnd: (error: Error | null) => void): void {
    let ended = false;
    const end = (error: Error | null) => {
      if (ended) return;
      ended = true;
      onEnd(error);
    };
    const lines = createInterface({ input: this.#stream, crlfDelay: Infinity });
    lines.on('line', (line) => {
      if (ended || line.length === 0) return;
      if (line.length > MAX_LINE_CHARS) return end(new Error('a message longer than the protocol allows'));
      let parsed: ReturnType<z.ZodType<In>['safeParse']>;
      try {
        parsed = this.#schema.safeParse(JSON.parse(line));
      } catch {
        return end(new Error(`not a protocol message: ${line.slice(0, 80)}`));
      }
      if (!parsed.success) return end(new Error(`an invalid protocol message: ${parsed.error.message.slice(0, 300)}`));
      onMessage(parsed.data);
    });
    // readline re-emits the stream's errors: both are handled, or a reset peer would crash the process.
    this.#stream.on('error', (error) => end(error));
    lines.on('error', (error) => end(error));
    // A stream destroyed without an end closes readline never: its close counts, after the lines already read.
    this.#stream.on('close', () => setImmediate(() => end(null)));
    lines.on('close', () => end(null));
  }

  close(): void {
    this.#stream.end();
  }

  destroy(): void {
    this.#stream.destroy();
  }
}
