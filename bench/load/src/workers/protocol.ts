/**
 * The generator worker protocol: how a runner drives several load generator processes on one open-loop schedule,
 * whether they are local processes (load.workers) or `paybench worker` on other hosts (--workers). Newline-delimited
 * JSON over any duplex byte stream (a pipe, a TCP socket); every message is validated with the schemas below.
 *
 *   runner -> worker   hello {version, token}           worker -> runner   hello {version, worker}   (or error)
 *   runner -> worker   ping {id, sentAt}                 worker -> runner   pong {id, sentAt, workerAt}  (a few times)
 *   runner -> worker   start {slice, atEpochMs, load}    worker -> runner   started {epochMs}
 *                                                        worker -> runner   second {sample}  (each second, raw histograms)
 *   runner -> worker   abort (optional)                  worker -> runner   done {result, ledgers}  or  error {message}
 *
 * `slice` {index, count}: the worker sends request n of the schedule only when n % count === index, so the offered
 * rate and the mix of the whole are kept and every request is sent exactly once. `atEpochMs` is when to start the
 * schedule, on the worker's own clock (the runner translates with the measured clock offset), so all slices share
 * one t0. `load` is the open loop's configuration (rate, seed, origins, traffic plan...): plain data the worker's
 * host turns into traffic classes. Latencies travel as HdrHistogram's compressed base64 (hdr-histogram-js), never as
 * summaries, so the runner can merge them exactly.
 */
import { z } from 'zod';

/** Bumped on any incompatible change: a runner and a worker of different versions refuse each other. */
export const WORKER_PROTOCOL_VERSION = 1;

const Slice = z
  .object({ index: z.number().int().nonnegative(), count: z.number().int().positive() })
  .refine((slice) => slice.index < slice.count, 'slice index must be below its count');

/** Runner to worker. */
export const RunnerMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), version: z.number().int(), token: z.string() }),
  z.object({ type: z.literal('ping'), id: z.number().int(), sentAt: z.number() }),
  z.object({
    type: z.literal('start'),
    slice: Slice,
    atEpochMs: z.number(),
    /** The open loop's configuration, checked by the worker host that runs it. */
    load: z.record(z.string(), z.unknown()),
  }),
  z.object({ type: z.literal('abort') }),
]);
export type RunnerMessage = z.infer<typeof RunnerMessage>;

/** The per-second raw data (a SecondSample): counts and, per class, the encoded histogram. */
const Second = z.object({ second: z.number().int(), classes: z.record(z.string(), z.looseObject({})) });

/** Worker to runner. */
export const WorkerMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), version: z.number().int(), worker: z.string() }),
  z.object({ type: z.literal('pong'), id: z.number().int(), sentAt: z.number(), workerAt: z.number() }),
  z.object({ type: z.literal('started'), epochMs: z.number() }),
  z.object({ type: z.literal('second'), sample: Second }),
  z.object({
    type: z.literal('done'),
    /** The slice's OpenLoopResult (its scheduleLag with its histogram). */
    result: z.looseObject({ classes: z.record(z.string(), z.unknown()), perSecond: z.array(Second) }),
    /** Per checkout class, how each of its requests ended (only this slice's are set). */
    ledgers: z.record(z.string(), z.object({ count: z.number().int(), endings: z.string(), idHashes: z.string() })),
  }),
  z.object({ type: z.literal('error'), message: z.string() }),
]);
export type WorkerMessage = z.infer<typeof WorkerMessage>;
