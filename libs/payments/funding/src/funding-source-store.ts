import { consumers, fundingSourcesOf } from '@paybench/payments-dataset';
import { migrate, transaction, type Database } from '@paybench/platform-storage';
import type { FundingSourceType } from './contract.js';

/** A source a consumer could pay with right now, with the most one purchase may draw. */
export interface UsableSource {
  id: string;
  type: FundingSourceType;
  currency: string;
  last4: string;
  purchaseLimit: number;
}

export interface FundingSourceStore {
  /** The consumer's active sources in `currency`, ordered by id. */
  activeSourcesOf(consumerId: string, currency: string): UsableSource[];
}

// Append only: migrate() applies the statements it has not applied yet, by position.
const MIGRATIONS = [
  `CREATE TABLE funding_sources (
    id TEXT PRIMARY KEY,
    consumer_id TEXT NOT NULL,
    type TEXT NOT NULL,
    currency TEXT NOT NULL,
    last4 TEXT NOT NULL,
    purchase_limit INTEGER NOT NULL,
    status TEXT NOT NULL
  ) WITHOUT ROWID`,
  'CREATE INDEX funding_sources_by_consumer ON funding_sources (consumer_id)',
];

/** Creates funding's table, seeds the test population's sources once, and answers lookups. */
export function openFundingSourceStore(
  db: Database,
  population: { seed: number; consumers: number },
): FundingSourceStore {
  migrate(db, 'funding', MIGRATIONS);
  seedOnce(db, population);
  const active = db.prepare(
    `SELECT id, type, currency, last4, purchase_limit AS purchaseLimit FROM funding_sources
     WHERE consumer_id = ? AND currency = ? AND status = 'active' ORDER BY id`,
  );
  return {
    activeSourcesOf: (consumerId, currency) => active.all(consumerId, currency) as unknown as UsableSource[],
  };
}

/** An empty table means a fresh database; a filled one was seeded by an earlier start. */
function seedOnce(db: Database, population: { seed: number; consumers: number }): void {
  transaction(db, () => {
    if (db.prepare('SELECT 1 FROM funding_sources LIMIT 1').get()) return;
    const insert = db.prepare(
      `INSERT INTO funding_sources (id, consumer_id, type, currency, last4, purchase_limit, status)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const consumer of consumers(population.seed, population.consumers)) {
      for (const s of fundingSourcesOf(population.seed, consumer)) {
        insert.run(s.id, s.consumerId, s.type, s.currency, s.last4, s.limit, s.status);
      }
    }
  });
}
