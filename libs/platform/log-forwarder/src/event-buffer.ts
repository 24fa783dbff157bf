/**
 * A FIFO of at most `capacity` items, counted in events like Vector's memory buffer. Shrinking
 * the capacity below the current size keeps what is queued: nothing accepted is ever discarded,
 * the buffer just stays full until the sink catches up.
 */
export class EventBuffer<T> {
  #items: (T | undefined)[] = [];
  #head = 0;
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
    return this.#items.length - this.#head;
  }

  get isFull(): boolean {
    return this.size >= this.#capacity;
  }

  /** Adds an item unless the buffer is full; the caller decides what full means (block or drop). */
  tryPush(item: T): boolean {
    if (this.isFull) return false;
    this.#items.push(item);
    return true;
  }

  shift(): T | undefined {
    if (this.#head >= this.#items.length) return undefined;
    const item = this.#items[this.#head];
    this.#items[this.#head++] = undefined;
    // Compact once the consumed prefix dominates, so shifting stays O(1) amortised.
    if (this.#head >= 1024 && this.#head * 2 >= this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
    return item;
  }
}
