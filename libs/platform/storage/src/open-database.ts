import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

export type Database = DatabaseSync;

/**
 * Opens (creating if needed) an embedded SQLite database in WAL mode. The monolith opens one
 * for all modules; each microservice opens its own. `:memory:` is accepted for tests.
 */
export function openDatabase(file: string): Database {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  let db: DatabaseSync;
  try {
    db = new DatabaseSync(file);
  } catch (error) {
    throw new Error(`cannot open database ${file}: ${(error as Error).message}`, { cause: error });
  }
  db.exec('PRAGMA journal_mode = WAL');
  // NORMAL is durable across application crashes in WAL mode (only an OS crash can lose the
  // last commits), the usual production setting for an embedded store.
  db.exec('PRAGMA synchronous = NORMAL');
  db.exec('PRAGMA busy_timeout = 5000');
  db.exec('PRAGMA foreign_keys = ON');
  return db;
}

/** Runs `work` in one transaction: committed if it returns, rolled back if it throws. */
export function transaction<T>(db: Database, work: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = work();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}

/**
 * Applies a module's schema once. Each module owns its tables (prefixed with its name) and
 * lists its DDL here; the version table makes start-up idempotent.
 */
export function migrate(db: Database, owner: string, statements: readonly string[]): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_versions (owner TEXT PRIMARY KEY, version INTEGER NOT NULL)');
  const row = db.prepare('SELECT version FROM schema_versions WHERE owner = ?').get(owner) as
    { version: number } | undefined;
  const from = row?.version ?? 0;
  if (from >= statements.length) return;
  transaction(db, () => {
    for (const sql of statements.slice(from)) db.exec(sql);
    db.prepare(
      'INSERT INTO schema_versions (owner, version) VALUES (?, ?) ON CONFLICT(owner) DO UPDATE SET version = excluded.version',
    ).run(owner, statements.length);
  });
}
