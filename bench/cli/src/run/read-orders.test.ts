import { mkdtempSync, rmSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { idHash } from '@paybench/bench-load';
import { afterEach, describe, expect, it } from 'vitest';
import { readLoadOrders } from './read-orders.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('readLoadOrders', () => {
  it("names each order's request by its key, leaves priming orders out, and keeps strangers as unexplained", () => {
    const dir = mkdtempSync(join(tmpdir(), 'paybench-read-orders-'));
    dirs.push(dir);
    const file = join(dir, 'orders.db');
    // The two columns the reconciliation reads, as the orders module's table has them (orders-schema.ts).
    const db = new DatabaseSync(file);
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('CREATE TABLE orders_orders (id TEXT PRIMARY KEY, idempotency_key TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO orders_orders (id, idempotency_key) VALUES (?, ?)');
    insert.run('ord_a', 'run-c1-0');
    insert.run('ord_b', 'run-c1-17');
    insert.run('ord_c', 'run-c1-prime-1000003');
    insert.run('ord_d', 'run-c10-4'); // another cell's prefix: not this load's
    insert.run('ord_e', 'run-c1-17x');
    insert.run('ord_f', 'run-c1-pay_later-3'); // a checkout class's (payment option's) request
    // Read while the writer still holds the database open, as during a cell.
    const orders = readLoadOrders(file, 'run-c1');
    db.close();
    const hash = (id: string) => idHash(Buffer.from(id));
    expect(orders).toEqual([
      { className: 'checkout', request: 0, idHash: hash('ord_a') },
      { className: 'checkout', request: 17, idHash: hash('ord_b') },
      { className: null, request: null, idHash: hash('ord_d') },
      { className: null, request: null, idHash: hash('ord_e') },
      { className: 'pay_later', request: 3, idHash: hash('ord_f') },
    ]);
  });
});
