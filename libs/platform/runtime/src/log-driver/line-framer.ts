const NEWLINE = 0x0a;

/**
 * Cuts a byte stream into lines at '\n', whatever the chunk boundaries. A line is handed on as
 * the bytes that carry it, newline included, so forwarding it needs no copy; only a line that
 * spans chunks is joined. Empty lines are skipped. Lines are not parsed: the driver only moves
 * them, as a container log driver moves whatever the application printed.
 */
export class LineFramer {
  private partial: Buffer[] = [];
  private partialLength = 0;

  /** Bytes of the unterminated line held until its newline arrives. */
  get partialBytes(): number {
    return this.partialLength;
  }

  push(chunk: Buffer, onLine: (line: Buffer) => void): void {
    let start = 0;
    let newline = chunk.indexOf(NEWLINE);
    while (newline !== -1) {
      const end = newline + 1;
      let line: Buffer;
      if (this.partialLength > 0) {
        this.partial.push(chunk.subarray(start, end));
        line = Buffer.concat(this.partial, this.partialLength + end - start);
        this.partial = [];
        this.partialLength = 0;
      } else {
        line = chunk.subarray(start, end);
      }
      if (line.length > 1) onLine(line);
      start = end;
      newline = chunk.indexOf(NEWLINE, start);
    }
    if (start < chunk.length) {
      this.partial.push(chunk.subarray(start));
      this.partialLength += chunk.length - start;
    }
  }

  /**
   * At end of input, the last line if it never got its newline (a process that died mid-line),
   * newline added, so its last words are not lost.
   */
  end(): Buffer | undefined {
    if (this.partialLength === 0) return undefined;
    const line = Buffer.concat([...this.partial, Buffer.from('\n')], this.partialLength + 1);
    this.discard();
    return line;
  }

  /** Forgets the unterminated line (the driver is closing while the process is still writing). */
  discard(): void {
    this.partial = [];
    this.partialLength = 0;
  }
}
