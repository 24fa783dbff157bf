/**
 * The tables the orders module owns, applied in order by `migrate` (append, never edit: a
 * deployed database has already run the earlier statements).
 */
export const ordersSchema: readonly string[] = [
  `CREATE TABLE orders_orders (
    id TEXT PRIMARY KEY,
    -- UNIQUE is what makes creation idempotent under concurrency: the insert is the check.
    idempotency_key TEXT NOT NULL UNIQUE,
    fingerprint TEXT NOT NULL,
    consumer_id TEXT NOT NULL,
    merchant_id TEXT NOT NULL,
    market TEXT NOT NULL,
    payment_option TEXT NOT NULL,
    amount INTEGER NOT NULL,
    currency TEXT NOT NULL,
    items_json TEXT NOT NULL,
    funding_source_id TEXT NOT NULL,
    funding_source_type TEXT NOT NULL,
    risk_score INTEGER NOT NULL,
    status TEXT NOT NULL,
    -- Settlement facts with no table of their own: set for invoices and installment plans.
    invoice_due_date TEXT,
    installment_apr_bps INTEGER,
    created_at TEXT NOT NULL,
    created_at_ms INTEGER NOT NULL
  ) STRICT`,
  `CREATE TABLE orders_installments (
    order_id TEXT NOT NULL REFERENCES orders_orders (id),
    number INTEGER NOT NULL,
    due_date TEXT NOT NULL,
    amount INTEGER NOT NULL,
    PRIMARY KEY (order_id, number)
  ) STRICT`,
  // One capture per order: the flow captures the full amount at purchase.
  `CREATE TABLE orders_captures (
    order_id TEXT PRIMARY KEY REFERENCES orders_orders (id),
    amount INTEGER NOT NULL,
    captured_at TEXT NOT NULL
  ) STRICT`,
  // Risk's velocity check: a consumer's orders since an instant.
  'CREATE INDEX orders_orders_consumer_created ON orders_orders (consumer_id, created_at_ms)',

  // From the fifth statement on: an idempotency key belongs to a consumer at a merchant, not to everyone. Unique
  // on its own, another consumer's key answered 409 and so told a caller that it existed. SQLite
  // cannot drop a column's UNIQUE, so the table is rebuilt; its two child tables are rebuilt
  // with it, because dropping a parent that rows still reference fails under foreign keys.
  `CREATE TABLE orders_orders_next (
    id TEXT PRIMARY KEY,
    idempotency_key TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    consumer_id TEXT NOT NULL,
    merchant_id TEXT NOT NULL,
    market TEXT NOT NULL,
    payment_option TEXT NOT NULL,
    amount INTEGER NOT NULL,
    currency TEXT NOT NULL,
    items_json TEXT NOT NULL,
    funding_source_id TEXT NOT NULL,
    funding_source_type TEXT NOT NULL,
    risk_score INTEGER NOT NULL,
    status TEXT NOT NULL,
    invoice_due_date TEXT,
    installment_apr_bps INTEGER,
    created_at TEXT NOT NULL,
    created_at_ms INTEGER NOT NULL,
    -- What makes creation idempotent under concurrency: the insert is the check, per consumer and merchant.
    UNIQUE (consumer_id, merchant_id, idempotency_key)
  ) STRICT`,
  'INSERT INTO orders_orders_next SELECT * FROM orders_orders',
  `CREATE TABLE orders_installments_next (
    order_id TEXT NOT NULL REFERENCES orders_orders_next (id),
    number INTEGER NOT NULL,
    due_date TEXT NOT NULL,
    amount INTEGER NOT NULL,
    PRIMARY KEY (order_id, number)
  ) STRICT`,
  'INSERT INTO orders_installments_next SELECT * FROM orders_installments',
  `CREATE TABLE orders_captures_next (
    order_id TEXT PRIMARY KEY REFERENCES orders_orders_next (id),
    amount INTEGER NOT NULL,
    captured_at TEXT NOT NULL
  ) STRICT`,
  'INSERT INTO orders_captures_next SELECT * FROM orders_captures',
  'DROP TABLE orders_installments',
  'DROP TABLE orders_captures',
  'DROP TABLE orders_orders',
  // Renaming a parent rewrites the children's REFERENCES to the new name (SQLite >= 3.26).
  'ALTER TABLE orders_orders_next RENAME TO orders_orders',
  'ALTER TABLE orders_installments_next RENAME TO orders_installments',
  'ALTER TABLE orders_captures_next RENAME TO orders_captures',
  'CREATE INDEX orders_orders_consumer_created ON orders_orders (consumer_id, created_at_ms)',
];
