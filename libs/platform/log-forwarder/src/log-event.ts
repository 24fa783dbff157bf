/** Source name for lines that are JSON objects but carry no `proc`. */
export const UNKNOWN_SOURCE = 'unknown';

/** One log line, parsed, as it travels from source to sink. */
export interface LogEvent {
  /** The emitting process (the line's `proc`). */
  proc: string;
  /** Per-process sequence number, gap-free at emission; undefined when the line has none. */
  seq: number | undefined;
  /** Size of the line on the wire, for the sink's log-size metrics. */
  bytes: number;
  fields: Record<string, unknown>;
}

/** Parses one framed line; anything that is not a JSON object is malformed (undefined). */
export function parseLogLine(line: Buffer): LogEvent | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line.toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const fields = parsed as Record<string, unknown>;
  const proc = typeof fields['proc'] === 'string' && fields['proc'] !== '' ? fields['proc'] : UNKNOWN_SOURCE;
  const seq = Number.isSafeInteger(fields['seq']) ? (fields['seq'] as number) : undefined;
  return { proc, seq, bytes: line.length + 1, fields };
}

/** Blank lines (a stray `\n` or `\r\n`) separate nothing and are not counted at all. */
export function isBlankLine(line: Buffer): boolean {
  for (const byte of line) {
    if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0d) return false;
  }
  return true;
}
