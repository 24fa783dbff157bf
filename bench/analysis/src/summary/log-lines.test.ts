import type { LogAccounting, ProcessLogAccount } from '@paybench/platform-runtime';
import { describe, expect, it } from 'vitest';
import { logLineFigures, lostSuffix } from './log-lines.js';

const account = (process: string, parts: Partial<ProcessLogAccount>): ProcessLogAccount => ({
  process,
  emitted: 1000,
  delivered: 1000,
  droppedByLogger: 0,
  droppedByDriver: 0,
  droppedByForwarder: 0,
  lostOnConnection: 0,
  inFlight: { inProcess: 0, inDriver: 0, onConnection: 0, inForwarder: 0, total: 0 },
  forwarderSeqGaps: 0,
  holds: true,
  problems: [],
  ...parts,
});

const accounting = (processes: ProcessLogAccount[], forwarderError: string | null = null): LogAccounting => ({
  at: '',
  processes,
  holds: processes.every((p) => p.holds),
  settled: true,
  forwarderError,
});

describe('logLineFigures', () => {
  it('sums the lines lost on broken connections, and shows them after the drops', () => {
    const figures = logLineFigures(
      accounting([
        account('a', { delivered: 960, lostOnConnection: 40, holds: false }),
        account('b', { lostOnConnection: 2, delivered: 998 }),
      ]),
    );
    expect(figures?.lost).toBe(42);
    expect(lostSuffix(figures as NonNullable<typeof figures>)).toBe(' +42 lost');
  });

  it('knows neither deliveries nor losses when the forwarder was gone', () => {
    const gone = account('a', { delivered: null, droppedByForwarder: null, lostOnConnection: null, holds: false });
    const figures = logLineFigures(accounting([gone, account('b', {})], 'the log-forwarder exited'));
    expect(figures).toMatchObject({ delivered: null, droppedByForwarder: null, lost: null, holds: false });
    expect(lostSuffix(figures as NonNullable<typeof figures>)).toBe(' +? lost');
  });

  it('reads results written before losses were counted as losing nothing', () => {
    const { lostOnConnection: _, ...old } = account('a', {});
    const figures = logLineFigures(accounting([old as ProcessLogAccount]));
    expect(figures?.lost).toBe(0);
    expect(lostSuffix(figures as NonNullable<typeof figures>)).toBe('');
  });
});
