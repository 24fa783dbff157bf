import { FifoQueue } from '@paybench/platform-log-forwarder';

/** The driver's buffer: a FIFO of lines that also keeps their byte count, the bound it is held to. */
export class LineQueue {
  readonly #lines = new FifoQueue<Buffer>();
  #bytes = 0;

  get length(): number {
    return this.#lines.length;
  }

  get bytes(): number {
    return this.#bytes;
  }

  push(line: Buffer): void {
    this.#lines.push(line);
    this.#bytes += line.length;
  }

  shift(): Buffer | undefined {
    const line = this.#lines.shift();
    if (line) this.#bytes -= line.length;
    return line;
  }
}
