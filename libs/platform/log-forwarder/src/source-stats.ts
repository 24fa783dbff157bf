/** What the forwarder knows about one emitting process. */
export interface SourceStats {
  /** Events that reached the buffer (accepted or dropped there). */
  received: number;
  processed: number;
  /** Discarded by `drop_newest` because the buffer was full. */
  dropped: number;
  /** Highest sequence number received; 0 before the first numbered line. */
  lastSeq: number;
  /**
   * Sequence numbers skipped in what arrived: lines lost before the forwarder (by the app's
   * logger or by the log driver) show up here, not in `dropped`.
   */
  seqGaps: number;
}

/** Per-source counters, keyed by the lines' `proc`. */
export class SourceLedger {
  readonly #sources = new Map<string, SourceStats>();

  /** Records an arriving event and its sequence number. */
  received(proc: string, seq: number | undefined): void {
    const source = this.#get(proc);
    source.received++;
    if (seq !== undefined) {
      // Only forward jumps count: a reconnecting sender may resend older numbers, which are
      // neither gaps nor progress.
      if (seq > source.lastSeq + 1) source.seqGaps += seq - source.lastSeq - 1;
      if (seq > source.lastSeq) source.lastSeq = seq;
    }
  }

  dropped(proc: string): void {
    this.#get(proc).dropped++;
  }

  processed(proc: string): void {
    this.#get(proc).processed++;
  }

  snapshot(): Record<string, SourceStats> {
    const out: Record<string, SourceStats> = {};
    for (const [proc, stats] of this.#sources) out[proc] = { ...stats };
    return out;
  }

  #get(proc: string): SourceStats {
    let source = this.#sources.get(proc);
    if (!source) {
      source = { received: 0, processed: 0, dropped: 0, lastSeq: 0, seqGaps: 0 };
      this.#sources.set(proc, source);
    }
    return source;
  }
}
