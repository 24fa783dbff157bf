/** What the policies did for one callee (or, for fallbacks, one dependency a module fell back from). */
export interface PolicyCounts {
  /** Attempts made after a first one failed. */
  retries: number;
  /** Times the circuit breaker opened. */
  breakerOpens: number;
  /** Calls the bulkhead refused at once (its limit and its queue full). */
  bulkheadRejections: number;
  /** Calls refused at once while the breaker was open. */
  breakerRejections: number;
  /** Failed calls a module answered from its configured fallback instead. */
  fallbacks: number;
}

export type PolicyCountName = keyof PolicyCounts;

const zero = (): PolicyCounts => ({
  retries: 0,
  breakerOpens: 0,
  bulkheadRejections: 0,
  breakerRejections: 0,
  fallbacks: 0,
});

/**
 * The counters of one process, by callee. Plain numbers bumped on the (rare) policy events, never per call,
 * so they cost nothing on the hop; the internal listener serves them and the harness reads them once per cell.
 */
export class PolicyCounters {
  readonly #byCallee = new Map<string, PolicyCounts>();

  add(callee: string, name: PolicyCountName, n = 1): void {
    let counts = this.#byCallee.get(callee);
    if (!counts) this.#byCallee.set(callee, (counts = zero()));
    counts[name] += n;
  }

  /** Per callee, and the process's totals. */
  snapshot(): { total: PolicyCounts; byCallee: Record<string, PolicyCounts> } {
    const total = zero();
    const byCallee: Record<string, PolicyCounts> = {};
    for (const [callee, counts] of this.#byCallee) {
      byCallee[callee] = { ...counts };
      for (const key of Object.keys(total) as PolicyCountName[]) total[key] += counts[key];
    }
    return { total, byCallee };
  }
}
