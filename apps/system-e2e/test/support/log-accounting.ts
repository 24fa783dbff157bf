import type { LogAccounting } from '@paybench/platform-runtime';
import { within } from './background-load.js';
import type { System } from './start-system.js';

/** Lifts nothing itself: waits until every line is delivered or counted as dropped. */
export async function settledAccounting(s: System): Promise<LogAccounting> {
  let last: LogAccounting | undefined;
  await within(30_000, async () => {
    last = await s.running.logAccounting();
    return last.settled;
  });
  return last as LogAccounting;
}

/** One figure of every process's account, added up (an unknown counts 0). */
export const sumOf = (
  accounting: LogAccounting,
  pick: (a: LogAccounting['processes'][number]) => number | null,
): number => accounting.processes.reduce((total, a) => total + (pick(a) ?? 0), 0);
