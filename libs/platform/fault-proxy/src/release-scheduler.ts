import { performance } from 'node:perf_hooks';

/** Something waiting for a release time: a pump with a queued chunk due later. */
export interface Waiter {
  release(): void;
}

/**
 * Below this many ms before the earliest deadline the scheduler stops sleeping on a timer and waits the rest out
 * turn by turn of the event loop (setImmediate: I/O still runs between turns). A timer fires up to a millisecond or
 * two late (its 1 ms granularity, the loop's other work), so a timer alone rounds a 0.3 ms delay up to ~1-2 ms.
 */
export const SPIN_BELOW_MS = 2;

/**
 * One delay queue per proxy: every pump of every connection that waits for a release time registers its deadline
 * here (performance.now(), hrtime-based, sub-microsecond), and one timer or one setImmediate turn serves them all.
 * A waiter is released at or after its deadline, never before; each waiter has at most one deadline (the newest).
 * Costs CPU while a deadline is under SPIN_BELOW_MS away (one loop turn after another), nothing otherwise.
 */
export class ReleaseScheduler {
  readonly #deadlines = new Map<Waiter, number>();
  readonly #now: () => number;
  #timer: NodeJS.Timeout | undefined;
  #immediate: NodeJS.Immediate | undefined;
  /** The deadline the armed timer or turn was set for (Infinity: not armed). */
  #armedFor = Infinity;
  #closed = false;

  constructor(now: () => number = () => performance.now()) {
    this.#now = now;
  }

  /** Wakes `waiter` once `deadline` (in the clock's ms) has passed; replaces its earlier deadline, if any. */
  wakeAt(waiter: Waiter, deadline: number): void {
    if (this.#closed) return;
    this.#deadlines.set(waiter, deadline);
    // Already armed for this deadline or an earlier one: that wake-up re-arms for the rest.
    if (deadline < this.#armedFor) this.#arm();
  }

  cancel(waiter: Waiter): void {
    this.#deadlines.delete(waiter);
    if (this.#deadlines.size === 0) this.#disarm();
  }

  /** How many waiters are registered (for tests and stats). */
  get waiting(): number {
    return this.#deadlines.size;
  }

  /** Drops every waiter and stops its timer: no handle is left. */
  close(): void {
    this.#closed = true;
    this.#deadlines.clear();
    this.#disarm();
  }

  /** Releases every waiter that is due, earliest deadline first, then arms for the next. */
  #run = (): void => {
    this.#timer = undefined;
    this.#immediate = undefined;
    this.#armedFor = Infinity;
    const now = this.#now();
    const due = [...this.#deadlines].filter(([, deadline]) => deadline <= now).sort((a, b) => a[1] - b[1]);
    for (const [waiter] of due) this.#deadlines.delete(waiter);
    for (const [waiter] of due) waiter.release();
    this.#arm();
  };

  #arm(): void {
    this.#disarm();
    if (this.#closed || this.#deadlines.size === 0) return;
    let earliest = Infinity;
    for (const deadline of this.#deadlines.values()) if (deadline < earliest) earliest = deadline;
    this.#armedFor = earliest;
    const waitMs = earliest - this.#now();
    if (waitMs > SPIN_BELOW_MS) this.#timer = setTimeout(this.#run, Math.floor(waitMs - SPIN_BELOW_MS));
    else this.#immediate = setImmediate(this.#run);
  }

  #disarm(): void {
    if (this.#timer) clearTimeout(this.#timer);
    if (this.#immediate) clearImmediate(this.#immediate);
    this.#timer = undefined;
    this.#immediate = undefined;
    this.#armedFor = Infinity;
  }
}
