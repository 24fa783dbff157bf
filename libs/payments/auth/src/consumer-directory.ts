import { consumers } from '@paybench/payments-dataset';
import { migrate, transaction, type Database } from '@paybench/platform-storage';

/** What auth knows about a consumer: enough to admit or refuse them. */
export interface ConsumerRecord {
  id: string;
  market: string;
  status: 'active' | 'blocked';
}

export interface ConsumerDirectory {
  find(consumerId: string): ConsumerRecord | undefined;
}

// Append only: migrate() applies the statements it has not applied yet, by position.
const MIGRATIONS = [
  'CREATE TABLE auth_consumers (id TEXT PRIMARY KEY, market TEXT NOT NULL, status TEXT NOT NULL) WITHOUT ROWID',
];

/** Creates auth's table, seeds the test population into it once, and answers lookups by id. */
export function openConsumerDirectory(
  db: Database,
  population: { seed: number; consumers: number },
): ConsumerDirectory {
  migrate(db, 'auth', MIGRATIONS);
  seedOnce(db, population);
  const byId = db.prepare('SELECT id, market, status FROM auth_consumers WHERE id = ?');
  return {
    find: (consumerId) => byId.get(consumerId) as ConsumerRecord | undefined,
  };
}

/** An empty table means a fresh database; a filled one was seeded by an earlier start. */
function seedOnce(db: Database, population: { seed: number; consumers: number }): void {
  transaction(db, () => {
    if (db.prepare('SELECT 1 FROM auth_consumers LIMIT 1').get()) return;
    const insert = db.prepare('INSERT INTO auth_consumers (id, market, status) VALUES (?, ?, ?)');
    for (const consumer of consumers(population.seed, population.consumers)) {
      insert.run(consumer.id, consumer.market, consumer.status);
    }
  });
}
