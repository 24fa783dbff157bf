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
];
