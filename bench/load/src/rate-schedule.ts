/** From `atMs` (since the schedule's start, warm-up included) on, `ratePerSecond` requests are due per second. */
export interface RateStep {
  atMs: number;
  ratePerSecond: number;
}

/**
 * The open loop's intended start times under a rate that changes in steps (a pulse: x3 for 10 s, then back).
 * Within a step, request n is due every 1000 / rate ms from the step's start; the first request of a step is due
 * at its start. The times are fixed before the run and never depend on answers, so latency measured from them
 * stays honest under a changed rate. Both lookups move a cursor forward (the loop asks in increasing order), so
 * each costs O(1) per request; with one step the times are those of a constant rate, n x 1000 / rate.
 */
export class RateSchedule {
  /** Requests due before the end: intended start < endMs. */
  readonly total: number;
  readonly #starts: number[] = [];
  readonly #intervals: number[] = [];
  readonly #rates: number[] = [];
  /** Index of each step's first request; one extra entry, `total`, closes the last step. */
  readonly #firsts: number[] = [];
  #indexCursor = 0;
  #timeCursor = 0;

  constructor(steps: readonly RateStep[], endMs: number) {
    if (steps.length === 0 || steps[0].atMs !== 0 || !(endMs > 0))
      throw new RangeError('the first rate step starts at 0 ms, before a positive end');
    let first = 0;
    steps.forEach((step, i) => {
      if (!(step.ratePerSecond > 0) || !Number.isFinite(step.ratePerSecond))
        throw new RangeError(`a rate step needs a positive rate, got ${step.ratePerSecond}`);
      if (i > 0 && step.atMs < steps[i - 1].atMs) throw new RangeError('rate steps must not go back in time');
      // A later step at the same time replaces this one; a step at or after the end changes nothing.
      if (steps[i + 1]?.atMs === step.atMs || step.atMs >= endMs) return;
      this.#starts.push(step.atMs);
      this.#rates.push(step.ratePerSecond);
      this.#intervals.push(1000 / step.ratePerSecond);
      this.#firsts.push(first);
      const until = Math.min(endMs, steps[i + 1]?.atMs ?? endMs);
      first += countWithin(until - step.atMs, step.ratePerSecond);
    });
    this.total = first;
    this.#firsts.push(first);
  }

  /** Intended start of request n, ms since the schedule's start. Calls must not go backwards in n. */
  intendedAt(n: number): number {
    while (n >= this.#firsts[this.#indexCursor + 1] && this.#indexCursor < this.#starts.length - 1) this.#indexCursor++;
    const k = this.#indexCursor;
    return this.#starts[k] + (n - this.#firsts[k]) * this.#intervals[k];
  }

  /** How many requests are due at or before `elapsedMs` (at most `total`). Calls must not go backwards in time. */
  dueBy(elapsedMs: number): number {
    while (this.#timeCursor < this.#starts.length - 1 && elapsedMs >= this.#starts[this.#timeCursor + 1])
      this.#timeCursor++;
    const k = this.#timeCursor;
    if (elapsedMs < this.#starts[k]) return this.#firsts[k];
    const due = this.#firsts[k] + Math.floor((elapsedMs - this.#starts[k]) / this.#intervals[k]) + 1;
    return Math.min(due, this.#firsts[k + 1]);
  }

  /** How many requests are due strictly before `ms` (e.g. the end of warm-up): a pure lookup, no cursor. */
  countBefore(ms: number): number {
    for (let k = this.#starts.length - 1; k >= 0; k--) {
      if (ms >= this.#starts[k])
        return Math.min(this.#firsts[k + 1], this.#firsts[k] + countWithin(ms - this.#starts[k], this.#rates[k]));
    }
    return 0;
  }
}

/** Requests due in [0, lengthMs) at a constant rate, the first at 0 (the same rounding as a single rate). */
function countWithin(lengthMs: number, ratePerSecond: number): number {
  return Math.max(0, Math.ceil((lengthMs * ratePerSecond) / 1000 - 1e-9));
}
