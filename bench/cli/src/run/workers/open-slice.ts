import { runOpenLoop, type SliceRunner } from '@paybench/bench-load';
import { z } from 'zod';
import { openLoadRun, type OpenLoad } from '../open-load.js';

/** The open load's part of a worker's start message (the same data the single generator gets, see load-worker.ts). */
const OpenLoadSchema = z.looseObject({
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

/**
 * A worker's slice of the cell's open loop: the options the single generator gets, sent on the shared schedule, every
 * count-th request from its index, with its share of the in-flight cap and of the connections (see open-load.ts).
 */
export const runOpenSlice: SliceRunner = async (load, slice, hooks) => {
  const open = openLoadRun(OpenLoadSchema.parse(load) as unknown as OpenLoad, hooks, slice);
  const result = await runOpenLoop(open.options);
  return { result, ledgers: open.ledgerSnapshots() };
};
