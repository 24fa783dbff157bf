import type { LogAccounting } from '@paybench/platform-runtime';
import type { LogLineFigures } from '@paybench/bench-results';

/** ` +12 lost` (`+? lost` when unknown) after a count of drops, or nothing when no line was lost. */
export function lostSuffix(lines: LogLineFigures): string {
  return lines.lost === 0 ? '' : ` +${lines.lost ?? '?'} lost`;
}

/** Sums the per-process accounts; a sum is null as soon as one of its terms is unknown. */
export function logLineFigures(accounting: LogAccounting | null): LogLineFigures | null {
  if (accounting === null) return null;
  const accounts = accounting.processes;
  const sum = (values: readonly number[]) => values.reduce((total, v) => total + v, 0);
  const sumOrNull = (values: readonly (number | null)[]) =>
    values.every((v) => v !== null) ? sum(values as number[]) : null;
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
