import { LEDGER_CODE } from '@paybench/bench-load';
import { describe, expect, it } from 'vitest';
import {
  addReconciliations,
  reconcile,
  reconciliationFailed,
  type EndingsByIndex,
  type StoredOrder,
} from './reconcile.js';

/** Endings by index from a list of [code, idHash]. */
function endings(list: readonly (readonly [number, number?])[]): EndingsByIndex {
  return {
    count: list.length,
    ending: (i) => list[i]?.[0] ?? LEDGER_CODE.unscheduled,
    idHashOf: (i) => list[i]?.[1] ?? 0,
  };
}
const none = endings([]);
const order = (request: number | null, idHash: number): StoredOrder => ({ request, idHash });

describe('reconciliation arithmetic', () => {
  it('finds nothing wrong when every 201 has its order once and nothing else exists', () => {
    const requests = endings([[201, 11], [422], [201, 13], [LEDGER_CODE.dropped], [LEDGER_CODE.unscheduled]]);
    const result = reconcile({ requests, retries: none, orders: [order(0, 11), order(2, 13)] });
    expect(result).toEqual({
      acknowledged: 2,
      lost: 0,
      duplicated: 0,
      unknown: 0,
      resolvedByRetry: 0,
      requests: 5,
      orders: 2,
      retried: 0,
      examples: { lost: [], duplicated: [], unresolved: [] },
    });
    expect(reconciliationFailed(result)).toBe(false);
  });

  it('counts a 201 whose order is missing, or holds another id, as lost', () => {
    const requests = endings([
      [201, 11],
      [201, 12],
      [201, 0],
    ]);
    // Request 1's key holds another order than the one the client was told; request 2's id was not read: by key.
    const result = reconcile({ requests, retries: none, orders: [order(1, 99), order(2, 5)] });
    expect(result).toMatchObject({ acknowledged: 3, lost: 2, duplicated: 0, examples: { lost: ['0', '1'] } });
    expect(reconciliationFailed(result)).toBe(true);
  });

  it('counts orders beyond one per request, and orders no request explains, as duplicated', () => {
    const requests = endings([[201, 11], [422], [LEDGER_CODE.dropped], [LEDGER_CODE.timeout]]);
    const orders = [
      order(0, 11),
      order(0, 12), // a second order for one key
      order(1, 13), // the client was told "rejected"
      order(2, 14), // never sent
      order(3, 15), // unknown: one order is what a commit after the deadline leaves
      order(null, 16), // a key that is no request of the load
      order(7, 17), // an index past the ledger
    ];
    const result = reconcile({ requests, retries: none, orders });
    expect(result).toMatchObject({ acknowledged: 1, lost: 0, duplicated: 5, unknown: 1, resolvedByRetry: 0 });
    expect(result.examples.duplicated).toEqual(['0', '1', '2']);
    expect(result.examples.unresolved).toEqual(['3']);
  });

  it('counts timeouts, transport errors and 5xx as unknown, and resolves them by a retry that settles', () => {
    const requests = endings([
      [LEDGER_CODE.timeout], // committed after the deadline: the retry gets the same order back
      [LEDGER_CODE.connection_reset], // never reached orders: the retry creates it once
      [503], // the retry is rejected (4xx) and there is no order: resolved
      [LEDGER_CODE.other], // the retry fails again: unresolved
      [LEDGER_CODE.cancelled], // not retried (the budget ran out)
      [502], // the retry answers 201 but the key holds two orders: not resolved, and one duplicated
    ]);
    const retries = endings([[201, 21], [201, 22], [422], [LEDGER_CODE.timeout], [LEDGER_CODE.unscheduled], [201, 26]]);
    const orders = [order(0, 21), order(1, 22), order(5, 26), order(5, 27)];
    // Before the retries, request 0's order was already there (a commit after the deadline), request 1's was not.
    const result = reconcile({ requests, retries, orders, ordersBeforeRetry: [order(0, 21), order(5, 26)] });
    expect(result).toMatchObject({ acknowledged: 0, lost: 0, duplicated: 1, unknown: 6, resolvedByRetry: 3 });
    expect(result.unknownCommitted).toBe(2);
    expect(result.retried).toBe(5);
    expect(result.examples.unresolved).toEqual(['3', '4', '5']);
  });

  it('counts a retry that acknowledges an order the database does not hold as lost', () => {
    const requests = endings([[LEDGER_CODE.timeout], [LEDGER_CODE.timeout]]);
    const retries = endings([
      [201, 21],
      [201, 22],
    ]);
    const result = reconcile({ requests, retries, orders: [order(1, 99)] });
    expect(result).toMatchObject({ unknown: 2, resolvedByRetry: 0, lost: 2, duplicated: 0 });
  });

  it('counts an order under a key whose retry was refused as duplicated (the client was told no)', () => {
    const requests = endings([[LEDGER_CODE.timeout]]);
    const retries = endings([[409]]);
    const result = reconcile({ requests, retries, orders: [order(0, 1)] });
    expect(result).toMatchObject({ unknown: 1, resolvedByRetry: 0, duplicated: 1 });
  });
});

describe('reconciliations of several checkout classes', () => {
  it('add up, with examples named by class and the first five kept', () => {
    const part = (lost: string[], committed?: number) => ({
      acknowledged: 10,
      lost: lost.length,
      duplicated: 1,
      unknown: 2,
      resolvedByRetry: 2,
      ...(committed === undefined ? {} : { unknownCommitted: committed }),
      requests: 20,
      orders: 11,
      retried: 2,
      examples: { lost, duplicated: [], unresolved: [] },
    });
    const sum = addReconciliations([
      part(['pay_now-1', 'pay_now-2', 'pay_now-3'], 1),
      part(['pay_later-4', 'pay_later-5', 'pay_later-6']),
    ]);
    expect(sum).toMatchObject({ acknowledged: 20, lost: 6, duplicated: 2, unknown: 4, resolvedByRetry: 4 });
    expect(sum).toMatchObject({ unknownCommitted: 1, requests: 40, orders: 22, retried: 4 });
    expect(sum.examples.lost).toEqual(['pay_now-1', 'pay_now-2', 'pay_now-3', 'pay_later-4', 'pay_later-5']);
  });

  it('count orders under keys of no class once, as duplicated orders, whatever the number of classes', () => {
    const part = reconcile({
      requests: { count: 1, ending: () => 201, idHashOf: () => 7 },
      retries: { count: 0, ending: () => 0, idHashOf: () => 0 },
      orders: [{ request: 0, idHash: 7 }],
    });
    expect(addReconciliations([part, part, part], 2)).toMatchObject({ duplicated: 2, orders: 5, acknowledged: 3 });
    expect(addReconciliations([part, part])).toMatchObject({ duplicated: 0, orders: 2 });
  });

  it("name an example by the end of its request's idempotency key", () => {
    const requests = { count: 1, ending: () => 201, idHashOf: () => 7 };
    const none = { count: 0, ending: () => 0, idHashOf: () => 0 };
    const result = reconcile({ requests, retries: none, orders: [], keyOf: (i) => `pay_later-${i}` });
    expect(result.examples.lost).toEqual(['pay_later-0']);
  });
});
