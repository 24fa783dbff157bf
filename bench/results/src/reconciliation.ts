/**
 * What clients were told against what the orders database holds, after a cell (issue 13: no lost or doubled
 * payments). Counted over the cell's checkouts, warm-up included, each identified by its idempotency key
 * (`<runTag>-<i>`, one key per client request); orders made before the load (to read) are left out. The
 * precise meaning of each count is in results/README.md.
 */
export interface Reconciliation {
  /** Checkouts answered 2xx (201): the client was told the payment was made. */
  acknowledged: number;
  /** Acknowledged checkouts (or unknowns a retry acknowledged) whose order, by key and id, is not in the database. */
  lost: number;
  /**
   * Orders beyond one per client request, plus orders no client request explains: an order under a key that was
   * never sent (dropped, not due), or under one whose request was refused (4xx) in its last answer.
   */
  duplicated: number;
  /** Checkouts whose outcome the client cannot know: timed out, failed at the transport, or answered 5xx. */
  unknown: number;
  /**
   * Unknowns that re-sending the same request (same idempotency key, same body) after the faults were lifted
   * settled: answered 2xx with the order the database holds under that key (and no other), or refused (4xx) with
   * no order under it.
   */
  resolvedByRetry: number;
  /**
   * Optional: unknowns whose order the database already held before the retry: commits their clients never heard
   * of (an answer reset after the commit, a deadline that fired first). What the retry must return, not repeat.
   */
  unknownCommitted?: number;
  /** Checkouts in the ledger: every one due, sent or not (index 0 .. requests - 1). */
  requests: number;
  /** Orders of these checkouts in the database (priming orders left out). */
  orders: number;
  /** Unknowns re-sent (all of them, unless the retry's time budget ran out first). */
  retried: number;
  /**
   * Up to 5 requests of each kind, to look up, by the end of their idempotency key after `<runTag>-`: `<class>-<i>`
   * (request i of a checkout class, a payment option) or `<i>` (the single `checkout` class of older runs).
   */
  examples: { lost: string[]; duplicated: string[]; unresolved: string[] };
}
