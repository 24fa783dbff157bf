/**
 * The tables the risk module owns, applied in order by `migrate` (append, never edit: a
 * deployed database has already run the earlier statements).
 */
export const riskSchema: readonly string[] = [
  `CREATE TABLE risk_profiles (
    consumer_id TEXT PRIMARY KEY,
    segment TEXT NOT NULL
  ) STRICT`,
  // Every assessment is kept: it is the audit trail of why a purchase was approved or not.
  `CREATE TABLE risk_assessments (
    id TEXT PRIMARY KEY,
    consumer_id TEXT NOT NULL,
    merchant_id TEXT NOT NULL,
    amount INTEGER NOT NULL,
    score INTEGER NOT NULL,
    decision TEXT NOT NULL,
    reasons_json TEXT NOT NULL,
    created_at TEXT NOT NULL
  ) STRICT`,
];
