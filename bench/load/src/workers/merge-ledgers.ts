import { LEDGER_CODE, type LedgerSnapshot } from '../request-ledger.js';

/**
 * One ledger from the slices' ledgers of one class: each request index was due in exactly one slice, which set
 * its code (the others left it unscheduled), so per index the one code set, and its id hash, are kept.
 */
export function mergeLedgerSnapshots(snapshots: readonly LedgerSnapshot[]): LedgerSnapshot {
  const count = Math.max(0, ...snapshots.map((s) => s.count));
  const endings = Buffer.alloc(count * 2);
  const hashes = Buffer.alloc(count * 4);
  for (const snapshot of snapshots) {
    const theirEndings = Buffer.from(snapshot.endings, 'base64');
    const theirHashes = Buffer.from(snapshot.idHashes, 'base64');
    for (let i = 0; i < snapshot.count; i++) {
      const code = theirEndings.readUInt16LE(i * 2);
      if (code === LEDGER_CODE.unscheduled) continue;
      endings.writeUInt16LE(code, i * 2);
      hashes.writeUInt32LE(theirHashes.readUInt32LE(i * 4), i * 4);
    }
  }
  return { count, endings: endings.toString('base64'), idHashes: hashes.toString('base64') };
}

/** Per class (checkout option), the merged ledger of every slice. */
export function mergeLedgersByClass(parts: readonly Record<string, LedgerSnapshot>[]): Record<string, LedgerSnapshot> {
  const names = [...new Set(parts.flatMap((part) => Object.keys(part)))];
  return Object.fromEntries(
    names.map((name) => [name, mergeLedgerSnapshots(parts.flatMap((part) => part[name] ?? []))]),
  );
}
