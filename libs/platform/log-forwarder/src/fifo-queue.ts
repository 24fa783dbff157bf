/**
 * A first-in first-out queue: an array with a moving head, compacted once the consumed prefix
 * dominates, so both ends are O(1) amortised without a copy per item. The one queue of the log
 * path: the forwarder's event buffer and the log driver's line queue put their limits on top.
 */
export class FifoQueue<T> {
  #items: (T | undefined)[] = [];
  #head = 0;

  get length(): number {
    return this.#items.length - this.#head;
  }

  push(item: T): void {
    this.#items.push(item);
  }

  shift(): T | undefined {
    if (this.#head === this.#items.length) return undefined;
    const item = this.#items[this.#head] as T;
    this.#items[this.#head++] = undefined;
    if (this.#head === this.#items.length) {
      this.#items = [];
      this.#head = 0;
    } else if (this.#head >= COMPACT_AFTER && this.#head * 2 >= this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
    return item;
  }
}

/** Compacting a short prefix would copy more often than it saves. */
const COMPACT_AFTER = 1024;
