import type { WhenFull } from './config.js';
import { EventBuffer } from './event-buffer.js';
import type { LogEvent } from './log-event.js';
import { SourceLedger } from './source-stats.js';

export interface Totals {
  /** Events that reached the buffer: accepted, or dropped there by `drop_newest`. */
  received: number;
  processed: number;
  dropped: number;
  /** Lines that were not JSON objects (or were longer than a log line can be). */
  malformed: number;
  /** Wire bytes of the processed events: the sink's simplest log-size metric. */
  processedBytes: number;
}

/**
 * The buffer between source and sink, with Vector's `when_full` policy and the counters that
 * account for every event. It decides admission only; who waits (the source) and who drains
 * (the sink) are told through the two hooks.
 */
export class Pipeline {
  readonly buffer: EventBuffer<LogEvent>;
  readonly sources = new SourceLedger();
  readonly totals: Totals = { received: 0, processed: 0, dropped: 0, malformed: 0, processedBytes: 0 };
  whenFull: WhenFull;
  /** Called after an event is queued, so an idle sink wakes up. */
  onQueued: () => void = () => undefined;
  /** Called when the buffer may have room again, so a blocked source reads on. */
  onRoom: () => void = () => undefined;

  constructor(maxEvents: number, whenFull: WhenFull) {
    this.buffer = new EventBuffer(maxEvents);
    this.whenFull = whenFull;
  }

  /**
   * Offers an arriving event. Returns false only under `block` with a full buffer: the event was
   * not taken and the caller must hold it and stop reading (that is the backpressure). Under
   * `drop_newest` a full buffer discards the incoming event and counts it.
   */
  offer(event: LogEvent): boolean {
    if (this.buffer.isFull && this.whenFull === 'block') return false;
    this.sources.received(event.proc, event.seq);
    this.totals.received++;
    if (this.buffer.tryPush(event)) {
      this.onQueued();
    } else {
      this.sources.dropped(event.proc);
      this.totals.dropped++;
    }
    return true;
  }

  malformed(count: number): void {
    this.totals.malformed += count;
  }

  take(): LogEvent | undefined {
    return this.buffer.shift();
  }

  processed(event: LogEvent): void {
    this.sources.processed(event.proc);
    this.totals.processed++;
    this.totals.processedBytes += event.bytes;
  }

  /** The sink calls this after a batch, and config changes after resizing or changing policy. */
  releaseIfRoom(): void {
    if (!this.buffer.isFull || this.whenFull === 'drop_newest') this.onRoom();
  }
}
