import type { LogAccounting } from '@paybench/platform-runtime';

/** Where the cell's log lines ended up, summed over its processes (read after the pipeline drained). */
export interface LogLineFigures {
  /** null when a process could not report its logger counts (stalled or gone): a partial sum would mislead. */
  emitted: number | null;
  /** null when the forwarder's counts were gone (it exited or did not answer). */
  delivered: number | null;
  /** Dropped in the process by a bounded logger; null when a process could not report it. */
  droppedByLogger: number | null;
  /** Dropped by a non-blocking log driver whose buffer was full. */
  droppedByDriver: number;
  /** Dropped by the forwarder (when_full: drop_newest); null when its counts were gone. */
  droppedByForwarder: number | null;
  /** Lost with a connection to the forwarder that closed before it read them; null when its counts were gone. */
  lost: number | null;
  /** Still in flight when accounting was read; null when a process's share is unknown. */
  inFlight: number | null;
  /** emitted = delivered + dropped + in flight held for every process, nothing was lost, the forwarder could be read. */
  holds: boolean;
  /** Nothing was in flight anywhere. */
  settled: boolean;
  /** Each process's accounting problems, prefixed with its name. */
  problems: string[];
}

/** ` +12 lost` (`+? lost` when unknown) after a count of drops, or nothing when no line was lost. */
export function lostSuffix(lines: LogLineFigures): string {
  return lines.lost === 0 ? '' : ` +${lines.lost ?? '?'} lost`;
}

/** Sums the per-process accounts; a sum is null as soon as one of its terms is unknown. */
export function logLineFigures(accounting: LogAccounting | null): LogLineFigures | null {
  if (accounting === null) return null;
  const accounts = accounting.processes;
  const sum = (values: readonly number[]) => values.reduce((total, v) => total + v, 0);
  const sumOrNull = (values: readonly (number | null)[]) => (values.every((v) => v !== null) ? sum(values as number[]) : null);
  return {
    emitted: sumOrNull(accounts.map((a) => a.emitted)),
    delivered: sumOrNull(accounts.map((a) => a.delivered)),
    droppedByLogger: sumOrNull(accounts.map((a) => a.droppedByLogger)),
    droppedByDriver: sum(accounts.map((a) => a.droppedByDriver)),
    droppedByForwarder: sumOrNull(accounts.map((a) => a.droppedByForwarder)),
    // Results written before this count existed left such lines in flight.
    lost: sumOrNull(accounts.map((a) => ('lostOnConnection' in a ? a.lostOnConnection : 0))),
    inFlight: sumOrNull(accounts.map((a) => a.inFlight.total)),
    holds: accounting.holds,
    settled: accounting.settled,
    problems: accounts.flatMap((a) => a.problems.map((problem) => `${a.process}: ${problem}`)),
  };
}
