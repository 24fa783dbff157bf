import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate, openDatabase, transaction } from './index.js';

const dir = mkdtempSync(join(tmpdir(), 'paybench-storage-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('openDatabase', () => {
  it('opens a file database in WAL mode', () => {
    const db = openDatabase(join(dir, 'nested', 'a.db'));
    expect(db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    db.close();
  });

  it('applies each migration once, so restarts keep the data', () => {
    const file = join(dir, 'b.db');
    const ddl = ['CREATE TABLE t_items (id INTEGER PRIMARY KEY, v TEXT)'];
    let db = openDatabase(file);
    migrate(db, 't', ddl);
    db.prepare('INSERT INTO t_items (v) VALUES (?)').run('x');
    db.close();
    db = openDatabase(file);
    migrate(db, 't', ddl);
    migrate(db, 't', [...ddl, 'ALTER TABLE t_items ADD COLUMN w TEXT']);
    expect(db.prepare('SELECT v, w FROM t_items').all()).toEqual([{ v: 'x', w: null }]);
    db.close();
  });

  it('rolls a failed transaction back', () => {
    const db = openDatabase(':memory:');
    db.exec('CREATE TABLE t (v INTEGER)');
    expect(() =>
      transaction(db, () => {
        db.prepare('INSERT INTO t VALUES (1)').run();
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 0 });
  });
});
