/**
 * A first-in first-out queue of lines with a running byte count: the driver's buffer. An array
 * with a moving head, compacted now and then, so both ends are O(1) amortised without a copy
 * per line.
 */
export class LineQueue {
  private lines: (Buffer | undefined)[] = [];
  private head = 0;
  private byteCount = 0;

  get length(): number {
    return this.lines.length - this.head;
  }

  get bytes(): number {
    return this.byteCount;
  }

  push(line: Buffer): void {
    this.lines.push(line);
    this.byteCount += line.length;
  }

  shift(): Buffer | undefined {
    if (this.head === this.lines.length) return undefined;
    const line = this.lines[this.head] as Buffer;
    this.lines[this.head] = undefined;
    this.head++;
    this.byteCount -= line.length;
    if (this.head === this.lines.length) {
      this.lines = [];
      this.head = 0;
    } else if (this.head >= COMPACT_AFTER && this.head * 2 >= this.lines.length) {
      this.lines = this.lines.slice(this.head);
      this.head = 0;
    }
    return line;
  }
}

const COMPACT_AFTER = 1024;
