import { DEFAULT_CONNECTIONS, runOpenLoop, type RequestLedger, type SliceRunner } from '@paybench/bench-load';
import { z } from 'zod';
import type { WorkerStart } from '../load-worker.js';
import { trafficClasses, type TrafficPlan } from '../traffic.js';

/** The open load's part of a worker's start message (the same data the single generator gets, see load-worker.ts). */
const OpenLoad = z.looseObject({
  origins: z.record(z.string(), z.string()),
  plan: z.looseObject({ seed: z.number(), population: z.number(), runTag: z.string(), orderIds: z.array(z.string()) }),
  rate: z.number().positive(),
  rateSteps: z.array(z.object({ atMs: z.number(), factor: z.number().positive() })).optional(),
  clientRetries: z.looseObject({ max: z.number() }).optional(),
  maxInFlight: z.number().int().positive(),
  durationMs: z.number().positive(),
  warmupMs: z.number().nonnegative(),
  timeoutMs: z.number().positive(),
  seed: z.number(),
});

export type OpenLoad = Omit<Extract<WorkerStart, { kind: 'open' }>, 'type' | 'kind'>;

/**
 * A worker's slice of the cell's open loop: the traffic classes rebuilt from the plan (every slice draws the same
 * request sequence), sent on the shared schedule, every count-th request from its index. The in-flight cap and the
 * keep-alive connections are shared out (each slice holds its part), so all together never hold more than the single
 * generator would, and the system under test sees the same number of connections.
 */
export const runOpenSlice: SliceRunner = async (load, slice, hooks) => {
  const start = OpenLoad.parse(load) as unknown as OpenLoad;
  const ledgers = new Map<string, RequestLedger>();
  const classes = trafficClasses(start.plan as TrafficPlan, { checkoutLedgers: ledgers });
  const result = await runOpenLoop({
    origin: (name) => start.origins[name] ?? (start.origins['checkout'] as string),
    ratePerSecond: start.rate,
    ...(start.rateSteps && { rateSteps: start.rateSteps }),
    ...(start.clientRetries && { clientRetries: start.clientRetries }),
    durationMs: start.durationMs,
    warmupMs: start.warmupMs,
    classes,
    seed: start.seed,
    maxInFlight: Math.max(1, Math.ceil(start.maxInFlight / slice.count)),
    connections: Math.max(1, Math.ceil(DEFAULT_CONNECTIONS / slice.count)),
    timeoutMs: start.timeoutMs,
    slice,
    onSecond: hooks.onSecond,
    signal: hooks.signal,
  });
  return { result, ledgers: Object.fromEntries([...ledgers].map(([name, ledger]) => [name, ledger.snapshot()])) };
};
