import { DatabaseSync } from 'node:sqlite';
import { idHash } from '@paybench/bench-load';
import type { StoredOrder } from '@paybench/bench-analysis';

/**
 * Every order the orders database of a cell holds for the cell's load, read from its SQLite file, read-only.
 *
 * Why the file and not an operation of the orders service: the file is the ground truth whatever state the
 * process is in (crashed and not restarted, stalled, behind a black-holed link); reading it adds no operation
 * to the orders contract that every module could call, and none that lists orders (an order's id is the
 * secret that `GET /v1/orders/:id` asks for, so a listing is what an internal endpoint must never give); the
 * bench made the data directory and the topology names each process's file. SQLite in WAL mode lets this
 * reader see every committed order while the process writes. The price is knowing one table and two columns
 * of the orders module (libs/payments/orders/src/orders-schema.ts): a change there fails the reconciliation
 * loudly (a problem), and the system test (apps/system-e2e/test/reconciliation.test.ts) with it.
 *
 * Keys are `<runTag>-<i>` for the load's request i, `<runTag>-prime-<n>` for the orders made before it to be
 * read (left out); any other key names no request of the load (request null: unexplained).
 */
export function readLoadOrders(databaseFile: string, runTag: string): StoredOrder[] {
  const db = new DatabaseSync(databaseFile, { readOnly: true });
  try {
    const rows = db.prepare('SELECT idempotency_key AS key, id FROM orders_orders').all() as {
      key: string;
      id: string;
    }[];
    const prefix = `${runTag}-`;
    const orders: StoredOrder[] = [];
    for (const { key, id } of rows) {
      const rest = key.startsWith(prefix) ? key.slice(prefix.length) : null;
      if (rest?.startsWith('prime-')) continue;
      const request = rest !== null && /^\d{1,9}$/.test(rest) ? Number(rest) : null;
      orders.push({ request, idHash: idHash(Buffer.from(id)) });
    }
    return orders;
  } finally {
    db.close();
  }
}
