import { FifoQueue } from './fifo-queue.js';

/**
 * A FIFO of at most `capacity` items, counted in events like Vector's memory buffer. Shrinking
 * the capacity below the current size keeps what is queued: nothing accepted is ever discarded,
 * the buffer just stays full until the sink catches up.
 */
export class EventBuffer<T> {
  readonly #queue = new FifoQueue<T>();
  #capacity: number;

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  get capacity(): number {
    return this.#capacity;
  }

  set capacity(capacity: number) {
    this.#capacity = capacity;
  }

  get size(): number {
    return this.#queue.length;
  }

  get isFull(): boolean {
    return this.size >= this.#capacity;
  }

  /** Adds an item unless the buffer is full; the caller decides what full means (block or drop). */
  tryPush(item: T): boolean {
    if (this.isFull) return false;
    this.#queue.push(item);
    return true;
  }

  shift(): T | undefined {
    return this.#queue.shift();
  }
}
