const NEWLINE = 0x0a;

/** Lines longer than this are not log lines; Vector's newline framing has the same guard. */
export const DEFAULT_MAX_LINE_BYTES = 1024 * 1024;

export interface FramedChunk {
  /** Complete lines, without their newline, in arrival order. */
  lines: Buffer[];
  /** Lines that grew past the limit and were discarded (each counts once). */
  overlong: number;
}

/**
 * Splits a byte stream into newline-delimited lines. TCP delivers chunks with no regard for line
 * ends, so a partial line is kept until its newline arrives. Framing works on bytes, not text, so
 * a multi-byte character split across two chunks is reassembled before anything decodes it.
 */
export class LineFramer {
  readonly #maxLineBytes: number;
  #partial: Buffer[] = [];
  #partialBytes = 0;
  /** Skipping the rest of an overlong line up to its newline. */
  #discarding = false;

  constructor(maxLineBytes = DEFAULT_MAX_LINE_BYTES) {
    this.#maxLineBytes = maxLineBytes;
  }

  push(chunk: Buffer): FramedChunk {
    const lines: Buffer[] = [];
    let overlong = 0;
    let start = 0;
    for (let end = chunk.indexOf(NEWLINE, start); end !== -1; end = chunk.indexOf(NEWLINE, start)) {
      if (this.#discarding) {
        this.#discarding = false;
      } else if (this.#partialBytes + (end - start) > this.#maxLineBytes) {
        overlong++;
      } else {
        lines.push(this.#complete(chunk.subarray(start, end)));
      }
      this.#partial = [];
      this.#partialBytes = 0;
      start = end + 1;
    }
    if (start < chunk.length && !this.#discarding) {
      const rest = chunk.subarray(start);
      if (this.#partialBytes + rest.length > this.#maxLineBytes) {
        overlong++;
        this.#discarding = true;
        this.#partial = [];
        this.#partialBytes = 0;
      } else {
        // Copy, so a few trailing bytes do not keep the whole chunk alive while they wait.
        this.#partial.push(Buffer.from(rest));
        this.#partialBytes += rest.length;
      }
    }
    return { lines, overlong };
  }

  /** At end of stream, a last line without its newline is still a line. */
  end(): Buffer | undefined {
    const last = this.#partialBytes > 0 && !this.#discarding ? Buffer.concat(this.#partial) : undefined;
    this.#partial = [];
    this.#partialBytes = 0;
    this.#discarding = false;
    return last;
  }

  #complete(tail: Buffer): Buffer {
    if (this.#partial.length === 0) return tail;
    return Buffer.concat([...this.#partial, tail]);
  }
}
