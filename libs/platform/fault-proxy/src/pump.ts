import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { ReleaseScheduler, Waiter } from './release-scheduler.js';
import type { DirectionFaults } from './toxics.js';

export type Direction = 'upstream' | 'downstream';

/** What a pump needs from its connection and proxy. */
export interface PumpHost {
  faults(direction: Direction): DirectionFaults;
  /** Resets the whole connection (RST to both ends). */
  injectReset(): void;
  readonly counters: PumpCounters;
  readonly maxQueuedBytes: number;
  /** The proxy's one delay queue: wakes the pump when its next chunk is due. */
  readonly scheduler: ReleaseScheduler;
}

export interface PumpCounters {
  bytesUpstream: number;
  bytesDownstream: number;
  bytesDiscarded: number;
  chunksDelayed: number;
  peakQueuedBytes: number;
}

/** A chunk waiting for its release time, or the point in the stream where an `afterBytes` reset fires. */
type Item = { chunk: Buffer; readyAt: number } | { chunk: undefined; readyAt: number };

/** The token bucket holds 1/20 s of bytes, at most 16 KiB: a bandwidth cap is smooth down to 50 ms. */
export function bucketBytes(bytesPerSecond: number): number {
  return Math.max(1, Math.min(16_384, Math.floor(bytesPerSecond / 20)));
}

/**
 * Moves bytes one way between two sockets, applying that direction's toxics chunk by chunk. With no toxic and
 * nothing queued a chunk is written at once (the fast path); otherwise it waits in a FIFO queue, so order is kept.
 * Backpressure: the queue is bounded by `maxQueuedBytes` (plus the one chunk being read when it fills): when full,
 * the source is paused until the queue is half empty; the queue is not drained into a destination that needs to
 * drain, so the kernel's socket buffers push back on the sender as a real slow link does.
 */
export class Pump implements Waiter {
  readonly #src: Socket;
  readonly #dst: Socket;
  readonly #direction: Direction;
  readonly #host: PumpHost;
  readonly #queue: Item[] = [];
  #queuedBytes = 0;
  #queueFull = false;
  #waitingDrain = false;
  #srcEnded = false;
  #stopped = false;
  #lastReadyAt = 0;
  /** Bytes forwarded since the toxics last changed (for `afterBytes`). */
  #bytesSinceChange = 0;
  #generation = -1;
  #tokens = 0;
  #tokensAt = 0;
  #bucketRate = 0;

  constructor(src: Socket, dst: Socket, direction: Direction, host: PumpHost) {
    this.#src = src;
    this.#dst = dst;
    this.#direction = direction;
    this.#host = host;
    src.on('data', (chunk: Buffer) => this.#onData(chunk));
    src.on('end', () => {
      this.#srcEnded = true;
      this.#flush();
    });
    dst.on('drain', () => {
      this.#waitingDrain = false;
      this.#flush();
    });
  }

  get queuedBytes(): number {
    return this.#queuedBytes;
  }

  /** The scheduler's wake-up: the head chunk is due (or the bandwidth's tokens are there). */
  release(): void {
    this.#flush();
  }

  /** Drops what is queued and cancels timers (the connection is gone). */
  stop(): void {
    this.#stopped = true;
    this.#queue.length = 0;
    this.#queuedBytes = 0;
    this.#clearTimers();
  }

  #onData(chunk: Buffer): void {
    if (this.#stopped) return;
    const faults = this.#host.faults(this.#direction);
    if (faults.generation !== this.#generation) {
      this.#generation = faults.generation;
      this.#bytesSinceChange = 0;
    }
    if (faults.blackHole) {
      this.#host.counters.bytesDiscarded += chunk.length;
      return;
    }
    let resetAfter = false;
    if (faults.reset) {
      if ('probability' in faults.reset) {
        if (Math.random() < faults.reset.probability) return this.#host.injectReset();
      } else {
        const left = faults.reset.afterBytes - this.#bytesSinceChange;
        if (left <= 0) return this.#host.injectReset();
        if (chunk.length >= left) {
          chunk = chunk.subarray(0, left);
          resetAfter = true;
        }
      }
      this.#bytesSinceChange += chunk.length;
    }
    const now = performance.now();
    const delay = faults.latency ? jittered(faults.latency.ms, faults.latency.jitterMs) : 0;
    if (delay === 0 && !faults.bandwidth && this.#queue.length === 0 && !this.#waitingDrain && !resetAfter) {
      this.#write(chunk);
      return;
    }
    if (delay > 0 || faults.bandwidth) this.#host.counters.chunksDelayed += 1;
    const readyAt = Math.max(now + delay, this.#lastReadyAt);
    this.#lastReadyAt = readyAt;
    this.#queue.push({ chunk, readyAt });
    if (resetAfter) this.#queue.push({ chunk: undefined, readyAt });
    this.#queuedBytes += chunk.length;
    const counters = this.#host.counters;
    if (this.#queuedBytes > counters.peakQueuedBytes) counters.peakQueuedBytes = this.#queuedBytes;
    if (this.#queuedBytes >= this.#host.maxQueuedBytes && !this.#queueFull) {
      this.#queueFull = true;
      this.#src.pause();
    }
    this.#flush();
  }

  /** Releases every queued chunk that is due, then arms one timer for the next. */
  #flush(): void {
    this.#clearTimers();
    while (!this.#stopped && this.#queue.length > 0) {
      if (this.#waitingDrain) return;
      const head = this.#queue[0] as Item;
      const now = performance.now();
      if (head.readyAt > now) return this.#wakeIn(head.readyAt - now);
      if (head.chunk === undefined) return this.#host.injectReset();
      let out = head.chunk;
      const bandwidth = this.#host.faults(this.#direction).bandwidth;
      if (bandwidth) {
        const wait = this.#takeTokens(now, bandwidth.bytesPerSecond, out.length);
        if (wait > 0) return this.#wakeIn(wait);
        out = out.subarray(0, Math.min(out.length, bucketBytes(bandwidth.bytesPerSecond)));
      }
      if (out.length === head.chunk.length) this.#queue.shift();
      else head.chunk = head.chunk.subarray(out.length);
      this.#queuedBytes -= out.length;
      this.#write(out);
      if (this.#queueFull && this.#queuedBytes <= this.#host.maxQueuedBytes / 2) {
        this.#queueFull = false;
        this.#src.resume();
      }
    }
    if (this.#srcEnded && this.#queue.length === 0 && !this.#stopped && !this.#dst.writableEnded) this.#dst.end();
  }

  #write(chunk: Buffer): void {
    if (this.#dst.destroyed) return;
    if (this.#direction === 'upstream') this.#host.counters.bytesUpstream += chunk.length;
    else this.#host.counters.bytesDownstream += chunk.length;
    if (!this.#dst.write(chunk)) this.#waitingDrain = true;
  }

  /**
   * Takes the tokens for the next slice of at most one bucket; returns 0, or how many ms to wait for them.
   */
  #takeTokens(now: number, bytesPerSecond: number, wanted: number): number {
    const capacity = bucketBytes(bytesPerSecond);
    if (this.#bucketRate !== bytesPerSecond) {
      this.#bucketRate = bytesPerSecond;
      this.#tokens = capacity;
      this.#tokensAt = now;
    }
    this.#tokens = Math.min(capacity, this.#tokens + ((now - this.#tokensAt) * bytesPerSecond) / 1000);
    this.#tokensAt = now;
    const slice = Math.min(wanted, capacity);
    if (this.#tokens < slice) return ((slice - this.#tokens) * 1000) / bytesPerSecond;
    this.#tokens -= slice;
    return 0;
  }

  /** Asks the proxy's delay queue for a wake-up in `ms` (sub-millisecond deadlines are kept: see ReleaseScheduler). */
  #wakeIn(ms: number): void {
    this.#host.scheduler.wakeAt(this, performance.now() + ms);
  }

  #clearTimers(): void {
    this.#host.scheduler.cancel(this);
  }
}

/** `ms` plus a uniform jitter in [-jitterMs, +jitterMs], never below 0. */
function jittered(ms: number, jitterMs: number): number {
  if (jitterMs === 0) return ms;
  return Math.max(0, ms + (Math.random() * 2 - 1) * jitterMs);
}
