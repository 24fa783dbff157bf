/** syslog-ng's own counters for one destination (a process's lines), from `syslog-ng-ctl stats`. */
export interface SyslogNgQueueStats {
  /** Messages that reached the destination's queue (accepted or dropped). */
  readonly processed: number;
  /** Dropped because the queue was full (no flow control). */
  readonly dropped: number;
  /** In the queue now. */
  readonly queued: number;
  /** Written to the destination's socket. */
  readonly written: number;
}

/**
 * The destinations' rows (`dst.unix-stream`, or `dst.network` for a TCP one) of `syslog-ng-ctl stats` (CSV: SourceName;SourceId;SourceInstance;State;Type;Number), by
 * destination id (`d_<i>#0` -> index i). Rows of other kinds are ignored; a destination without a row counts 0.
 */
const DESTINATION_KINDS = new Set(['dst.unix-stream', 'dst.network']);

export function parseSyslogNgStats(csv: string, destinations: number): SyslogNgQueueStats[] {
  const stats = Array.from({ length: destinations }, () => ({ processed: 0, dropped: 0, queued: 0, written: 0 }));
  for (const line of csv.split('\n')) {
    const [sourceName, sourceId, , , type, number] = line.split(';');
    if (!DESTINATION_KINDS.has(sourceName ?? '') || !sourceId || !type || number === undefined) continue;
    const match = /^d_(\d+)#/.exec(sourceId);
    const index = match ? Number(match[1]) : -1;
    const entry = stats[index];
    if (!entry || !(type in entry)) continue;
    entry[type as keyof SyslogNgQueueStats] = Number(number);
  }
  return stats;
}
