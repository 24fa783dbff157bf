import { DatabaseSync } from 'node:sqlite';
import { idHash } from '@paybench/bench-load';
import type { StoredOrder } from '@paybench/bench-analysis';

/** A stored order and the checkout class its key names (null: no request of the load). */
export interface ClassOrder extends StoredOrder {
  readonly className: string | null;
}

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
 * Keys are `<runTag>-<class>-<i>` for request i of a checkout class (a payment option), `<runTag>-<i>` for request
 * i of the single `checkout` class of older runs, `<runTag>-prime-<n>` for the orders made before the load to be
 * read (left out); any other key names no request of the load (request null: unexplained).
 */
export function readLoadOrders(databaseFile: string, runTag: string): ClassOrder[] {
  const db = new DatabaseSync(databaseFile, { readOnly: true });
  try {
    const rows = db.prepare('SELECT idempotency_key AS key, id FROM orders_orders').all() as {
      key: string;
      id: string;
    }[];
    const prefix = `${runTag}-`;
    const orders: ClassOrder[] = [];
    for (const { key, id } of rows) {
      const rest = key.startsWith(prefix) ? key.slice(prefix.length) : null;
      if (rest?.startsWith('prime-')) continue;
      const match = rest === null ? null : /^(?:([a-z_]+)-)?(\d{1,9})$/.exec(rest);
      orders.push({
        className: match ? (match[1] ?? 'checkout') : null,
        request: match ? Number(match[2]) : null,
        idHash: idHash(Buffer.from(id)),
      });
    }
    return orders;
  } finally {
    db.close();
  }
}
