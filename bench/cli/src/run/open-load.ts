import {
  DEFAULT_CONNECTIONS,
  type LedgerSnapshot,
  type RequestLedger,
  type runOpenLoop,
  type SecondSample,
} from '@paybench/bench-load';
import type { WorkerStart } from './load-worker.js';
import { trafficClasses } from './traffic.js';

/** The open load as a generator gets it: the single one (load-worker.ts) or a worker of several (workers/). */
export type OpenLoad = Omit<Extract<WorkerStart, { kind: 'open' }>, 'type' | 'kind'>;

/** Which part of the schedule a generator sends: every count-th request from index. */
export interface ScheduleSlice {
  index: number;
  count: number;
}

type OpenLoopOptions = Parameters<typeof runOpenLoop>[0];

/** The single generator's part: the whole schedule. */
const WHOLE_SCHEDULE: ScheduleSlice = { index: 0, count: 1 };

/**
 * The options runOpenLoop gets for an open load, and the checkout ledgers it fills: built here once, for the single
 * generator (no slice: the whole schedule) and for each worker of several. The traffic classes are rebuilt from the
 * plan, so every slice draws the same request sequence. The in-flight cap and the keep-alive connections are shared
 * out (each slice holds its part), so all slices together never hold more than the single generator would, and the
 * system under test sees the same number of connections.
 */
export function openLoadRun(
  load: OpenLoad,
  hooks: { onSecond: (sample: SecondSample) => void; signal: AbortSignal },
  slice?: ScheduleSlice,
): { options: OpenLoopOptions; ledgerSnapshots: () => Record<string, LedgerSnapshot> } {
  const { count } = slice ?? WHOLE_SCHEDULE;
  const ledgers = new Map<string, RequestLedger>();
  const classes = trafficClasses(load.plan, { checkoutLedgers: ledgers });
  const options: OpenLoopOptions = {
    origin: originByClass(load.origins),
    ratePerSecond: load.rate,
    ...(load.rateSteps && { rateSteps: load.rateSteps }),
    ...(load.clientRetries && { clientRetries: load.clientRetries }),
    durationMs: load.durationMs,
    warmupMs: load.warmupMs,
    classes,
    seed: load.seed,
    maxInFlight: shareOf(load.maxInFlight, count),
    connections: shareOf(DEFAULT_CONNECTIONS, count),
    timeoutMs: load.timeoutMs,
    // Only a slice says so: it also makes the result carry the schedule lag's histogram, for the merge.
    ...(slice && { slice }),
    onSecond: hooks.onSecond,
    signal: hooks.signal,
  };
  const ledgerSnapshots = () => Object.fromEntries([...ledgers].map(([name, ledger]) => [name, ledger.snapshot()]));
  return { options, ledgerSnapshots };
}

/** Where a traffic class's requests go: checkout classes (one per payment option) to the entry, `checkout`'s origin. */
export function originByClass(origins: Record<string, string>): (className: string) => string {
  return (name) => origins[name] ?? (origins['checkout'] as string);
}

/** One of `count` slices' part of a whole-number budget: rounded up, at least 1 (the whole of it for one slice). */
export function shareOf(total: number, count: number): number {
  return Math.max(1, Math.ceil(total / count));
}
