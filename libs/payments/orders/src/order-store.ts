import { migrate, type Database } from '@paybench/platform-storage';
import type { Order } from './contract.js';
import { ordersSchema } from './orders-schema.js';
import type { OrderSettlement } from './settle.js';

/** An idempotency key is scoped to one consumer at one merchant: another's key is another order. */
export interface IdempotencyScope {
  consumerId: string;
  merchantId: string;
  idempotencyKey: string;
}

export interface StoredOrder {
  order: Order;
  fingerprint: string;
}

export interface OrderStore {
  /**
   * Inserts the order and its settlement rows unless its consumer already used its idempotency
   * key at its merchant. Returns false (writing nothing) when it did. Run it inside a transaction.
   */
  insert(order: Order, idempotencyKey: string, fingerprint: string): boolean;
  findByKey(scope: IdempotencyScope): StoredOrder | undefined;
  findById(orderId: string): Order | undefined;
  /** Number and total amount of a consumer's orders created at or after `sinceMs`. */
  activitySince(consumerId: string, sinceMs: number): { orders: number; amount: number };
}

interface OrderRow {
  id: string;
  fingerprint: string;
  consumer_id: string;
  merchant_id: string;
  market: string;
  payment_option: string;
  amount: number;
  currency: string;
  items_json: string;
  funding_source_id: string;
  funding_source_type: string;
  risk_score: number;
  status: Order['status'];
  invoice_due_date: string | null;
  installment_apr_bps: number | null;
  created_at: string;
}

/** Creates the orders tables if needed and prepares every statement once. */
export function createOrderStore(db: Database): OrderStore {
  migrate(db, 'orders', ordersSchema);

  const insertOrder = db.prepare(`
    INSERT INTO orders_orders (
      id, idempotency_key, fingerprint, consumer_id, merchant_id, market, payment_option, amount,
      currency, items_json, funding_source_id, funding_source_type, risk_score, status,
      invoice_due_date, installment_apr_bps, created_at, created_at_ms
    ) VALUES (
      :id, :idempotencyKey, :fingerprint, :consumerId, :merchantId, :market, :paymentOption, :amount,
      :currency, :itemsJson, :fundingSourceId, :fundingSourceType, :riskScore, :status,
      :invoiceDueDate, :installmentAprBps, :createdAt, :createdAtMs
    )
    ON CONFLICT (consumer_id, merchant_id, idempotency_key) DO NOTHING`);
  const insertCapture = db.prepare('INSERT INTO orders_captures (order_id, amount, captured_at) VALUES (?, ?, ?)');
  const insertInstallment = db.prepare(
    'INSERT INTO orders_installments (order_id, number, due_date, amount) VALUES (?, ?, ?, ?)',
  );
  const selectByKey = db.prepare(
    'SELECT * FROM orders_orders WHERE consumer_id = ? AND merchant_id = ? AND idempotency_key = ?',
  );
  const selectById = db.prepare('SELECT * FROM orders_orders WHERE id = ?');
  const selectCapture = db.prepare('SELECT amount, captured_at FROM orders_captures WHERE order_id = ?');
  const selectInstallments = db.prepare(
    'SELECT number, due_date, amount FROM orders_installments WHERE order_id = ? ORDER BY number',
  );
  const selectActivity = db.prepare(`
    SELECT count(*) AS orders, coalesce(sum(amount), 0) AS amount
    FROM orders_orders WHERE consumer_id = ? AND created_at_ms >= ?`);

  const settlementOf = (row: OrderRow): OrderSettlement => {
    switch (row.status) {
      case 'captured': {
        const capture = selectCapture.get(row.id) as { amount: number; captured_at: string };
        return { kind: 'capture', capturedAmount: capture.amount, capturedAt: capture.captured_at };
      }
      case 'awaiting_payment':
        return { kind: 'invoice', dueDate: requireValue(row.invoice_due_date, row.id) };
      case 'in_installments': {
        const rows = selectInstallments.all(row.id) as { number: number; due_date: string; amount: number }[];
        const installments = rows.map((r) => ({ number: r.number, dueDate: r.due_date, amount: r.amount }));
        return {
          kind: 'installments',
          aprBps: requireValue(row.installment_apr_bps, row.id),
          totalPayable: installments.reduce((sum, i) => sum + i.amount, 0),
          installments,
        };
      }
    }
  };

  const orderOf = (row: OrderRow): Order => ({
    id: row.id,
    consumerId: row.consumer_id,
    merchantId: row.merchant_id,
    market: row.market,
    paymentOption: row.payment_option,
    amount: row.amount,
    currency: row.currency,
    items: JSON.parse(row.items_json) as Order['items'],
    status: row.status,
    fundingSource: { id: row.funding_source_id, type: row.funding_source_type },
    riskScore: row.risk_score,
    settlement: settlementOf(row),
    createdAt: row.created_at,
  });

  return {
    insert(order, idempotencyKey, fingerprint) {
      const { settlement } = order;
      const inserted = insertOrder.run({
        id: order.id,
        idempotencyKey,
        fingerprint,
        consumerId: order.consumerId,
        merchantId: order.merchantId,
        market: order.market,
        paymentOption: order.paymentOption,
        amount: order.amount,
        currency: order.currency,
        itemsJson: JSON.stringify(order.items),
        fundingSourceId: order.fundingSource.id,
        fundingSourceType: order.fundingSource.type,
        riskScore: order.riskScore,
        status: order.status,
        invoiceDueDate: settlement.kind === 'invoice' ? settlement.dueDate : null,
        installmentAprBps: settlement.kind === 'installments' ? settlement.aprBps : null,
        createdAt: order.createdAt,
        createdAtMs: Date.parse(order.createdAt),
      });
      if (Number(inserted.changes) === 0) return false;
      if (settlement.kind === 'capture') {
        insertCapture.run(order.id, settlement.capturedAmount, settlement.capturedAt);
      } else if (settlement.kind === 'installments') {
        for (const i of settlement.installments) insertInstallment.run(order.id, i.number, i.dueDate, i.amount);
      }
      return true;
    },
    findByKey({ consumerId, merchantId, idempotencyKey }) {
      const row = selectByKey.get(consumerId, merchantId, idempotencyKey) as OrderRow | undefined;
      return row && { order: orderOf(row), fingerprint: row.fingerprint };
    },
    findById(orderId) {
      const row = selectById.get(orderId) as OrderRow | undefined;
      return row && orderOf(row);
    },
    activitySince(consumerId, sinceMs) {
      return selectActivity.get(consumerId, sinceMs) as { orders: number; amount: number };
    },
  };
}

/** A column the order's status promises is set; a null there means the row was corrupted. */
function requireValue<T>(value: T | null, orderId: string): T {
  if (value === null) throw new Error(`order ${orderId} is missing settlement data for its status`);
  return value;
}
