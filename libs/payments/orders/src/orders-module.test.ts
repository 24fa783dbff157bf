import { DomainError, type ContractApi, type InputOf } from '@paybench/platform-contract';
import { composeModules } from '@paybench/platform-host';
import { createLogger } from '@paybench/platform-logging';
import { openDatabase, type Database } from '@paybench/platform-storage';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Order, ordersContract, type OrderRequest, type SettlementTerms } from './index.js';
import { ordersModule } from './module-entry.js';

type OrdersApi = ContractApi<typeof ordersContract>;
type CreateOrderInput = InputOf<typeof ordersContract.operations.createOrder>;

let db: Database;
let orders: OrdersApi;

beforeEach(async () => {
  db = openDatabase(':memory:');
  const apis = await composeModules({
    modules: [ordersModule],
    hosted: ['orders'],
    db,
    logger: createLogger({ processName: 'test', level: 'silent' }).logger,
    settings: {},
  });
  orders = apis.get('orders') as unknown as OrdersApi;
});

afterEach(() => {
  vi.useRealTimers();
  db.close();
});

const request: OrderRequest = {
  consumerId: 'con_1',
  merchantId: 'mer_1',
  market: 'SE',
  paymentOption: 'pay_now',
  amount: 10_000,
  currency: 'SEK',
  items: [
    { sku: 'shoe-42', name: 'Running shoe', quantity: 1, unitPrice: 8_000 },
    { sku: 'sock-3p', name: 'Socks, 3 pairs', quantity: 2, unitPrice: 1_000 },
  ],
};

function createInput(overrides: Partial<CreateOrderInput> = {}): CreateOrderInput {
  return {
    idempotencyKey: 'key-0001',
    request,
    fundingSource: { id: 'fs_1', type: 'card' },
    riskScore: 240,
    terms: { kind: 'capture' },
    ...overrides,
  };
}

const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

/** Freezes only the clock, so timestamps are known while SQLite and promises run for real. */
function setNow(iso: string) {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(iso));
}

describe('createOrder', () => {
  it('captures a pay-now order in full', async () => {
    setNow('2025-03-10T12:00:00.000Z');
    const order = await orders.createOrder(createInput());
    expect(Order.parse(order)).toEqual(order);
    expect(order).toMatchObject({
      ...request,
      id: expect.stringMatching(/^ord_[0-9a-f]{32}$/),
      status: 'captured',
      fundingSource: { id: 'fs_1', type: 'card' },
      riskScore: 240,
      settlement: { kind: 'capture', capturedAmount: 10_000, capturedAt: '2025-03-10T12:00:00.000Z' },
      createdAt: '2025-03-10T12:00:00.000Z',
    });
    expect(count('orders_captures')).toBe(1);
  });

  it('invoices a pay-later order, due a number of days after the order date', async () => {
    setNow('2025-03-10T23:59:00.000Z');
    const order = await orders.createOrder(createInput({ terms: { kind: 'invoice', dueInDays: 30 } }));
    expect(Order.parse(order)).toEqual(order);
    expect(order.status).toBe('awaiting_payment');
    expect(order.settlement).toEqual({ kind: 'invoice', dueDate: '2025-04-09' });
  });

  it('splits an installment order into a plan that adds up to the total payable', async () => {
    setNow('2025-03-10T09:30:00.000Z');
    const order = await orders.createOrder(
      createInput({ terms: { kind: 'installments', count: 3, intervalDays: 30, aprBps: 1_200 } }),
    );
    expect(Order.parse(order)).toEqual(order);
    expect(order.status).toBe('in_installments');
    // 10 000 × 12 % × (90 / 365) = 295.9 → 296 interest
    expect(order.settlement).toEqual({
      kind: 'installments',
      aprBps: 1_200,
      totalPayable: 10_296,
      installments: [
        { number: 1, dueDate: '2025-03-10', amount: 3_432 },
        { number: 2, dueDate: '2025-04-09', amount: 3_432 },
        { number: 3, dueDate: '2025-05-09', amount: 3_432 },
      ],
    });
    expect(count('orders_installments')).toBe(3);
  });

  it('defaults installments to interest-free', async () => {
    // A caller over HTTP may leave aprBps out; the contract's default fills it in.
    const terms = { kind: 'installments', count: 4, intervalDays: 14 } as SettlementTerms;
    const order = await orders.createOrder(createInput({ terms }));
    expect(order.settlement).toMatchObject({ kind: 'installments', aprBps: 0, totalPayable: 10_000 });
  });

  it('replays a repeated key with the same request: same order, one row', async () => {
    const first = await orders.createOrder(createInput());
    const again = await orders.createOrder(createInput());
    expect(again).toEqual(first);
    expect(count('orders_orders')).toBe(1);
    expect(count('orders_captures')).toBe(1);
  });

  it('recognises the same request whatever order its fields come in', async () => {
    const first = await orders.createOrder(createInput());
    const reordered = Object.fromEntries(Object.entries(request).reverse()) as OrderRequest;
    await expect(orders.createOrder(createInput({ request: reordered }))).resolves.toEqual(first);
  });

  it('refuses a repeated key with a different request (409) and writes nothing', async () => {
    await orders.createOrder(createInput());
    const error = await orders
      .createOrder(createInput({ request: { ...request, amount: 10_001 } }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'idempotency_conflict', status: 409, details: { idempotencyKey: 'key-0001' } });
    expect(count('orders_orders')).toBe(1);
  });

  it('makes one order of two identical concurrent creates', async () => {
    const [a, b] = await Promise.all([orders.createOrder(createInput()), orders.createOrder(createInput())]);
    expect(a.id).toBe(b.id);
    expect(count('orders_orders')).toBe(1);
    expect(count('orders_captures')).toBe(1);
  });
});

describe('findByIdempotencyKey', () => {
  it('answers new for an unknown key, replay with the order for a known one', async () => {
    const input = { idempotencyKey: 'key-0001', request };
    await expect(orders.findByIdempotencyKey(input)).resolves.toEqual({ status: 'new' });
    const order = await orders.createOrder(createInput());
    await expect(orders.findByIdempotencyKey(input)).resolves.toEqual({ status: 'replay', order });
  });

  it('refuses a known key with a different request', async () => {
    await orders.createOrder(createInput());
    await expect(
      orders.findByIdempotencyKey({ idempotencyKey: 'key-0001', request: { ...request, currency: 'NOK' } }),
    ).rejects.toMatchObject({ code: 'idempotency_conflict', status: 409 });
  });
});

describe('getOrder', () => {
  it('reads back exactly the order that was created', async () => {
    for (const terms of [
      { kind: 'capture' },
      { kind: 'invoice', dueInDays: 14 },
      { kind: 'installments', count: 4, intervalDays: 14, aprBps: 999 },
    ] as const) {
      const created = await orders.createOrder(createInput({ idempotencyKey: `key-${terms.kind}-0001`, terms }));
      await expect(orders.getOrder({ orderId: created.id })).resolves.toEqual(created);
    }
  });

  it('answers 404 for an unknown order', async () => {
    await expect(orders.getOrder({ orderId: 'ord_missing' })).rejects.toMatchObject({
      code: 'order_not_found',
      status: 404,
      details: { orderId: 'ord_missing' },
    });
  });
});

describe('recentActivity', () => {
  it("counts and sums only the consumer's orders inside the window", async () => {
    setNow('2025-03-10T10:00:00.000Z');
    await orders.createOrder(createInput({ idempotencyKey: 'old-0001', request: { ...request, amount: 1 } }));
    setNow('2025-03-10T11:30:00.000Z');
    await orders.createOrder(createInput({ idempotencyKey: 'recent-0001', request: { ...request, amount: 200 } }));
    await orders.createOrder(createInput({ idempotencyKey: 'recent-0002', request: { ...request, amount: 300 } }));
    await orders.createOrder(
      createInput({ idempotencyKey: 'someone-else-0001', request: { ...request, consumerId: 'con_2', amount: 5_000 } }),
    );
    setNow('2025-03-10T12:00:00.000Z');

    await expect(orders.recentActivity({ consumerId: 'con_1', windowMinutes: 60 })).resolves.toEqual({
      orders: 2,
      amount: 500,
    });
    await expect(orders.recentActivity({ consumerId: 'con_1', windowMinutes: 120 })).resolves.toEqual({
      orders: 3,
      amount: 501,
    });
    await expect(orders.recentActivity({ consumerId: 'con_unknown', windowMinutes: 60 })).resolves.toEqual({
      orders: 0,
      amount: 0,
    });
  });
});
