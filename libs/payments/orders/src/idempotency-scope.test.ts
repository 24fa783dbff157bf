import type { ContractApi, InputOf } from '@paybench/platform-contract';
import { composeModules } from '@paybench/platform-host';
import { createLogger } from '@paybench/platform-logging';
import { migrate, openDatabase, type Database } from '@paybench/platform-storage';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ordersContract, type OrderRequest } from './index.js';
import { ordersModule } from './module-entry.js';
import { ordersSchema } from './orders-schema.js';

type OrdersApi = ContractApi<typeof ordersContract>;
type CreateOrderInput = InputOf<typeof ordersContract.operations.createOrder>;

const logger = createLogger({ processName: 'test', level: 'silent' }).logger;
let db: Database;

async function ordersOn(database: Database): Promise<OrdersApi> {
  const apis = await composeModules({
    modules: [ordersModule],
    hosted: ['orders'],
    db: database,
    logger,
    settings: {},
  });
  return apis.get('orders') as unknown as OrdersApi;
}

beforeEach(() => {
  db = openDatabase(':memory:');
});
afterEach(() => db.close());

const request: OrderRequest = {
  consumerId: 'c-000001',
  merchantId: 'merchant-1',
  market: 'SE',
  paymentOption: 'pay_now',
  amount: 5_000,
  currency: 'SEK',
  items: [{ sku: 'mug', name: 'Mug', quantity: 1, unitPrice: 5_000 }],
};

function createInput(overrides: Partial<OrderRequest> = {}, idempotencyKey = 'shared-key-0001'): CreateOrderInput {
  return {
    idempotencyKey,
    request: { ...request, ...overrides },
    fundingSource: { id: 'fs-1', type: 'card' },
    riskScore: 120,
    terms: { kind: 'capture' },
  };
}

/** A one-item basket costing `amount`. */
const basket = (amount: number) => ({ amount, items: [{ sku: 'x', name: 'X', quantity: 1, unitPrice: amount }] });

const count = (sql = 'SELECT count(*) AS n FROM orders_orders') => (db.prepare(sql).get() as { n: number }).n;

describe('an idempotency key belongs to one consumer at one merchant', () => {
  it('gives another consumer using the same key a new order, not a 409', async () => {
    const orders = await ordersOn(db);
    const mine = await orders.createOrder(createInput());
    const theirs = await orders.createOrder(createInput({ consumerId: 'c-000002', ...basket(7_000) }));
    expect(theirs.id).not.toBe(mine.id);
    expect(theirs).toMatchObject({ consumerId: 'c-000002', amount: 7_000 });
    expect(count()).toBe(2);
  });

  it('gives the same consumer at another merchant a new order too', async () => {
    const orders = await ordersOn(db);
    const first = await orders.createOrder(createInput());
    const elsewhere = await orders.createOrder(createInput({ merchantId: 'merchant-2' }));
    expect(elsewhere.id).not.toBe(first.id);
    expect(count()).toBe(2);
  });

  it("tells nobody whether another consumer's key exists", async () => {
    const orders = await ordersOn(db);
    await orders.createOrder(createInput());
    const probe = { idempotencyKey: 'shared-key-0001', request: { ...request, consumerId: 'c-000002', ...basket(1) } };
    await expect(orders.findByIdempotencyKey(probe)).resolves.toEqual({ status: 'new' });
  });

  it('still replays, and still refuses a different body, within one consumer and merchant', async () => {
    const orders = await ordersOn(db);
    const first = await orders.createOrder(createInput());
    await expect(orders.createOrder(createInput())).resolves.toEqual(first);
    await expect(orders.createOrder(createInput(basket(5_001)))).rejects.toMatchObject({
      code: 'idempotency_conflict',
      status: 409,
    });
    expect(count()).toBe(1);
  });
});

describe('the schema change', () => {
  /** The tables as the first release created them, with one order of each settlement kind. */
  function oldDatabase(): Database {
    migrate(db, 'orders', ordersSchema.slice(0, 4));
    const insert = db.prepare(`INSERT INTO orders_orders VALUES
      (?, ?, 'fp', 'c-000001', 'merchant-1', 'SE', 'pay_now', 5000, 'SEK', '[]', 'fs-1', 'card', 1,
       ?, ?, ?, '2025-01-01T00:00:00.000Z', 0)`);
    insert.run('ord_a', 'key-capture', 'captured', null, null);
    insert.run('ord_b', 'key-invoice', 'awaiting_payment', '2025-01-31', null);
    insert.run('ord_c', 'key-plan', 'in_installments', null, 0);
    db.prepare("INSERT INTO orders_captures VALUES ('ord_a', 5000, '2025-01-01T00:00:00.000Z')").run();
    db.prepare(
      "INSERT INTO orders_installments VALUES ('ord_c', 1, '2025-01-01', 2500), ('ord_c', 2, '2025-01-15', 2500)",
    ).run();
    return db;
  }

  it('is appended to the old statements, never edits them (a kept --data-dir has run them)', async () => {
    const orders = await ordersOn(oldDatabase());
    const settlementOf = async (orderId: string) => (await orders.getOrder({ orderId })).settlement;
    await expect(settlementOf('ord_a')).resolves.toMatchObject({ kind: 'capture', capturedAmount: 5000 });
    await expect(settlementOf('ord_b')).resolves.toMatchObject({ kind: 'invoice', dueDate: '2025-01-31' });
    await expect(settlementOf('ord_c')).resolves.toMatchObject({ kind: 'installments', totalPayable: 5000 });
    // The old key, now another consumer's: a new order, not a conflict.
    const reused = await orders.createOrder(createInput({ consumerId: 'c-000009' }, 'key-capture'));
    expect(reused.consumerId).toBe('c-000009');
    expect(count()).toBe(4);
  });

  it('keeps foreign keys and the velocity index', async () => {
    await ordersOn(oldDatabase());
    expect(() => db.prepare("INSERT INTO orders_captures VALUES ('ord_missing', 1, 'x')").run()).toThrow(/FOREIGN KEY/);
    expect(db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
    const indexes = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'orders_orders'");
    expect(indexes.all().map((i) => (i as { name: string }).name)).toContain('orders_orders_consumer_created');
    expect(count("SELECT count(*) AS n FROM sqlite_schema WHERE name LIKE '%_next'")).toBe(0);
  });
});

describe('order ids', () => {
  it('are `ord_` and 128 random bits: no two in a row are a step apart', async () => {
    const orders = await ordersOn(db);
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push((await orders.createOrder(createInput({}, `id-key-${1000 + i}`))).id);
    for (const id of ids) expect(id).toMatch(/^ord_[0-9a-f]{32}$/);
    const values = ids.map((id) => BigInt(`0x${id.slice(4)}`));
    const steps = values.slice(1).map((v, i) => v - (values[i] as bigint));
    // Sequential or counter-based ids differ by small steps; random ones by ~2^127. A step below
    // 2^64 between two random 128-bit ids has a chance of about 2^-63.
    for (const step of steps) expect(step < 0n ? -step : step).toBeGreaterThan(2n ** 64n);
    expect(new Set(steps).size).toBe(steps.length);
  });
});
