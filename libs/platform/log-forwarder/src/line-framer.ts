const NEWLINE = 0x0a;
const NEWLINE_BYTES = Buffer.from('\n');
const NO_BYTES = Buffer.alloc(0);

/** Lines longer than this are not log lines; Vector's newline framing has the same guard. */
export const DEFAULT_MAX_LINE_BYTES = 1024 * 1024;

export interface LineFramerOptions {
  /**
   * Hand each line on with its '\n' (the log driver forwards lines as they came) or without it
   * (the forwarder parses them). Default false.
   */
  keepNewline?: boolean;
  /** Skip lines with nothing before their newline. Default false. */
  skipEmptyLines?: boolean;
  /**
   * A line longer than this (newline not counted) is discarded, up to its newline, and counted
   * once as overlong. Default DEFAULT_MAX_LINE_BYTES; Infinity for no limit.
   */
  maxLineBytes?: number;
}

/**
 * Cuts a byte stream into lines at '\n', whatever the chunk boundaries: TCP and pipes deliver
 * chunks with no regard for line ends, so a partial line is kept until its newline arrives. It
 * sits on the path of every log line, so a line within one chunk is handed on as a view of the
 * chunk's own bytes, without a copy; only a line that spans chunks is joined. Framing works on
 * bytes, not text, so a multi-byte character split across two chunks is whole again before
 * anything decodes it. Lines are not parsed here.
 */
export class LineFramer {
  readonly #keepNewline: boolean;
  readonly #skipEmptyLines: boolean;
  readonly #maxLineBytes: number;
  #partial: Buffer[] = [];
  #partialBytes = 0;
  /** Skipping the rest of an overlong line up to its newline. */
  #discarding = false;

  constructor(options: LineFramerOptions = {}) {
    this.#keepNewline = options.keepNewline ?? false;
    this.#skipEmptyLines = options.skipEmptyLines ?? false;
    this.#maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  }

  /** Bytes of the unterminated line held until its newline arrives. */
  get partialBytes(): number {
    return this.#partialBytes;
  }

  /**
   * Calls `onLine` with each line the chunk completes, in order. Returns how many lines it found
   * too long (each counted once, when it first crosses the limit).
   */
  push(chunk: Buffer, onLine: (line: Buffer) => void): number {
    let overlong = 0;
    let start = 0;
    for (let newline = chunk.indexOf(NEWLINE); newline !== -1; newline = chunk.indexOf(NEWLINE, start)) {
      const end = this.#keepNewline ? newline + 1 : newline;
      if (this.#partialBytes === 0 && !this.#discarding) {
        // The common case: the whole line is in this chunk, and a view of it is the line.
        const lineBytes = newline - start;
        if (lineBytes > this.#maxLineBytes) overlong++;
        else if (lineBytes > 0 || !this.#skipEmptyLines) onLine(chunk.subarray(start, end));
      } else if (this.#discarding) {
        this.#discarding = false;
      } else if (this.#partialBytes + newline - start > this.#maxLineBytes) {
        overlong++;
        this.#forgetPartial();
      } else {
        onLine(this.#complete(chunk.subarray(start, end)));
      }
      start = newline + 1;
    }
    if (start < chunk.length && !this.#discarding) {
      const rest = chunk.subarray(start);
      if (this.#partialBytes + rest.length > this.#maxLineBytes) {
        overlong++;
        this.#discarding = true;
        this.#forgetPartial();
      } else {
        // Copy, so a few trailing bytes do not keep the whole chunk alive while they wait.
        this.#partial.push(Buffer.from(rest));
        this.#partialBytes += rest.length;
      }
    }
    return overlong;
  }

  /**
   * At end of input, the last line if it never got its newline (a process that died mid-line):
   * it is still a line, and its last words are not lost. With `keepNewline` the newline is added.
   */
  end(): Buffer | undefined {
    this.#discarding = false;
    if (this.#partialBytes === 0) return undefined;
    return this.#complete(this.#keepNewline ? NEWLINE_BYTES : NO_BYTES);
  }

  /** The partial line held so far, joined to the `tail` that completes it. */
  #complete(tail: Buffer): Buffer {
    this.#partial.push(tail);
    const line = Buffer.concat(this.#partial, this.#partialBytes + tail.length);
    this.#forgetPartial();
    return line;
  }

  #forgetPartial(): void {
    this.#partial = [];
    this.#partialBytes = 0;
  }
}
