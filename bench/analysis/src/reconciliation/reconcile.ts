import { isHttpStatus, LEDGER_CODE } from '@paybench/bench-load';
import type { Reconciliation } from '@paybench/bench-results';

/** How each request ended, by index: a ledger (see RequestLedger in bench/load), or anything that reads like one. */
export interface EndingsByIndex {
  readonly count: number;
  /** An HTTP status, or a LEDGER_CODE below 100. */
  ending(index: number): number;
  /** Hash of the id a 2xx answer carried (idHash), 0 when none was read. */
  idHashOf(index: number): number;
}

/** One order the database holds: the request its idempotency key names (null: no request of the load), its id. */
export interface StoredOrder {
  readonly request: number | null;
  readonly idHash: number;
}

export interface ReconciliationInput {
  /** How each checkout of the load ended. */
  readonly requests: EndingsByIndex;
  /** How each re-sent unknown ended (LEDGER_CODE.unscheduled: not re-sent). */
  readonly retries: EndingsByIndex;
  /** Every order the database holds for the load (priming orders left out). */
  readonly orders: readonly StoredOrder[];
  /** The same, read before the retries: which unknowns had already been committed (see unknownCommitted). */
  readonly ordersBeforeRetry?: readonly StoredOrder[];
  /** How an example names request i: the end of its idempotency key after `<runTag>-` (default: `i`). */
  readonly keyOf?: (index: number) => string;
}

const EXAMPLES = 5;

/** Timed out, failed at the transport, cancelled, never ended, or answered 5xx: the client cannot know. */
export function isUnknownOutcome(code: number): boolean {
  if (isHttpStatus(code)) return code >= 500;
  return code !== LEDGER_CODE.unscheduled && code !== LEDGER_CODE.dropped;
}

const isSuccess = (code: number) => code >= 200 && code < 300;
const isRefusal = (code: number) => code >= 400 && code < 500;
/** Never sent: not due before the run ended, or dropped at the concurrency cap. */
const notSent = (code: number) => code === LEDGER_CODE.unscheduled || code === LEDGER_CODE.dropped;

/**
 * Reconciles what clients were told with what the database holds (see Reconciliation, results/README.md):
 * per request, its orders (by idempotency key) against its answer, or its retry's answer when it was unknown.
 */
export function reconcile({
  requests,
  retries,
  orders,
  ordersBeforeRetry,
  keyOf = String,
}: ReconciliationInput): Reconciliation {
  const committedBefore = new Set(ordersBeforeRetry?.map((order) => order.request));
  const byRequest = new Map<number, number[]>();
  let unexplained = 0;
  const duplicatedAt: string[] = [];
  for (const order of orders) {
    if (order.request === null || order.request >= requests.count) {
      unexplained++;
      continue;
    }
    const hashes = byRequest.get(order.request);
    if (hashes) hashes.push(order.idHash);
    else byRequest.set(order.request, [order.idHash]);
  }
  const figures = { acknowledged: 0, lost: 0, duplicated: unexplained, unknown: 0, resolvedByRetry: 0, retried: 0 };
  let unknownCommitted = 0;
  const lostAt: string[] = [];
  const unresolvedAt: string[] = [];
  const note = (list: string[], index: number) => list.length < EXAMPLES && list.push(keyOf(index));

  for (let i = 0; i < requests.count; i++) {
    const told = requests.ending(i);
    const stored = byRequest.get(i) ?? [];
    const has = (hash: number) => stored.length > 0 && (hash === 0 || stored.includes(hash));
    // The answer that stands: a retry's, when the first was unknown and the retry was not.
    let final = told;
    let finalHash = requests.idHashOf(i);
    if (isSuccess(told)) {
      figures.acknowledged++;
      if (!has(finalHash)) {
        figures.lost++;
        note(lostAt, i);
      }
    } else if (isUnknownOutcome(told)) {
      figures.unknown++;
      if (committedBefore.has(i)) unknownCommitted++;
      const retry = retries.ending(i);
      if (retry !== LEDGER_CODE.unscheduled) figures.retried++;
      if (isSuccess(retry) || isRefusal(retry)) {
        final = retry;
        finalHash = retries.idHashOf(i);
      }
      const resolved = isSuccess(final) ? stored.length === 1 && has(finalHash) : isRefusal(final) && !stored.length;
      if (resolved) figures.resolvedByRetry++;
      else note(unresolvedAt, i);
      if (isSuccess(final) && !has(finalHash)) {
        figures.lost++;
        note(lostAt, i);
      }
    }
    // Orders no answer explains: a request never sent, or refused in its last answer, should have none.
    const explained = notSent(told) || isRefusal(final) ? 0 : 1;
    const extra = Math.max(0, stored.length - explained);
    if (extra > 0) {
      figures.duplicated += extra;
      note(duplicatedAt, i);
    }
  }
  const { retried, ...counts } = figures;
  return {
    ...counts,
    ...(ordersBeforeRetry ? { unknownCommitted } : {}),
    requests: requests.count,
    orders: orders.length,
    retried,
    examples: { lost: lostAt, duplicated: duplicatedAt, unresolved: unresolvedAt },
  };
}

/**
 * Reconciliations of several checkout classes (payment options) as one: counts added, the first examples kept.
 * `unexplainedOrders`: orders under keys that name no class of the load (no client request explains them), counted
 * once here as duplicated (and among the orders), not with any one class.
 */
export function addReconciliations(parts: readonly Reconciliation[], unexplainedOrders = 0): Reconciliation {
  const sum = (pick: (r: Reconciliation) => number) => parts.reduce((total, r) => total + pick(r), 0);
  const examples = (pick: (r: Reconciliation) => string[]) => parts.flatMap(pick).slice(0, EXAMPLES);
  const committed = parts.filter((r) => r.unknownCommitted !== undefined);
  return {
    acknowledged: sum((r) => r.acknowledged),
    lost: sum((r) => r.lost),
    duplicated: sum((r) => r.duplicated) + unexplainedOrders,
    unknown: sum((r) => r.unknown),
    resolvedByRetry: sum((r) => r.resolvedByRetry),
    ...(committed.length > 0 ? { unknownCommitted: sum((r) => r.unknownCommitted ?? 0) } : {}),
    requests: sum((r) => r.requests),
    orders: sum((r) => r.orders) + unexplainedOrders,
    retried: sum((r) => r.retried),
    examples: {
      lost: examples((r) => r.examples.lost),
      duplicated: examples((r) => r.examples.duplicated),
      unresolved: examples((r) => r.examples.unresolved),
    },
  };
}

/** Whether a reconciliation found a payment lost or doubled: the one thing no reader may miss. */
export function reconciliationFailed(reconciliation: Reconciliation): boolean {
  return reconciliation.lost > 0 || reconciliation.duplicated > 0;
}
