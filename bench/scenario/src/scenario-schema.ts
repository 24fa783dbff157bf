import { z } from 'zod';
import { Toxics } from '@paybench/platform-fault-proxy';
import { LOGGER_MODES } from '@paybench/platform-topology';
import { resiliencePresetNames } from '@paybench/platform-resilience';
import { Duration } from './duration.js';
import { catalogModules } from './catalog-modules.js';
import { ModuleFaultChange } from './module-faults.js';

/** The highest offered rate of an open loop, pulses included. */
const MAX_OPEN_RATE = 50_000;
import { checkoutWeight, PAYMENT_OPTIONS, type PaymentOptionName, type TrafficMixInput } from './traffic-classes.js';

const Name = z.string().regex(/^[a-z][a-z0-9-_]*$/, 'lowercase letters, digits, dashes and underscores');

/** How the forwarder's sink processes events: the fault this whole harness is about. */
export const SinkConfig = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('normal') }).strict(),
  z.object({ mode: z.literal('fixed'), perEventUs: z.number().positive() }).strict(),
  z.object({ mode: z.literal('rate'), eventsPerSecond: z.number().positive() }).strict(),
  z
    .object({
      mode: z.literal('cardinality'),
      baseUs: z.number().nonnegative(),
      perSeriesNs: z.number().nonnegative(),
      labels: z.array(z.string()).min(1),
    })
    .strict(),
  z.object({ mode: z.literal('stall') }).strict(),
]);
export type SinkConfig = z.infer<typeof SinkConfig>;

/** One logging configuration: the three switches of the incident. */
export const LoggingConfig = z
  .object({
    name: Name,
    logger: z
      .object({
        mode: z.enum(LOGGER_MODES),
        maxBufferBytes: z
          .number()
          .int()
          .positive()
          .default(1024 * 1024),
      })
      .strict(),
    driver: z
      .object({
        mode: z.enum(['blocking', 'non-blocking']),
        maxBufferBytes: z
          .number()
          .int()
          .positive()
          .default(1024 * 1024),
      })
      .strict(),
    forwarder: z
      .object({
        /**
         * The node-level forwarder: the built-in one (default), or Debian's syslog-ng (`block` = its
         * flags(flow-control), `drop_newest` = none; `maxEvents` = each process's queue) in front of a built-in one
         * that sinks what it forwards and takes the timeline's sink faults.
         */
        kind: z.enum(['builtin', 'syslog-ng']).optional(),
        whenFull: z.enum(['block', 'drop_newest']),
        maxEvents: z.number().int().positive().default(500),
      })
      .strict(),
  })
  .strict();
export type LoggingConfig = z.infer<typeof LoggingConfig>;

/**
 * Relative weights of the traffic classes. `checkout: N` shares N evenly over the payment options (as one class drew
 * the option per request before); `checkout: { pay_now: 40, pay_later: 20 }` weighs each option (an option left out
 * gets 0). Every checkout option and order-status reads are then classes of their own in the results.
 */
const Weight = z.number().nonnegative();
export const TrafficMix = z
  .object({
    checkout: z.union([
      Weight,
      z
        .object(
          Object.fromEntries(PAYMENT_OPTIONS.map((option) => [option, Weight.optional()])) as Record<
            PaymentOptionName,
            z.ZodOptional<typeof Weight>
          >,
        )
        .strict(),
    ]),
    orderStatus: Weight,
  })
  .strict()
  .refine(
    (mix: TrafficMixInput) => checkoutWeight(mix) + mix.orderStatus > 0,
    'at least one traffic class needs a positive weight',
  );

/**
 * The load generator as a retrying client: a checkout that timed out, got no answer (reset, refused) or a 5xx is
 * sent again with the same body, hence the same idempotency key, up to `max` more times. The n-th retry waits
 * `backoffMs x 2^(n-1)` after the failed attempt ended (0: at once, the naive client). `budget` caps retries at
 * that share of client requests (a token bucket: each client request adds `budget` tokens, each retry takes one,
 * at most 10 s worth are kept); without it every failure is retried. Retries are extra load on top of the
 * schedule, never in its place, and a client request's latency runs from its first intended start to its final
 * answer. A client request holds its `maxInFlight` slot until then, retries and backoffs included.
 */
export const ClientRetries = z
  .object({
    max: z.number().int().min(1).max(10),
    backoffMs: z.number().nonnegative().max(60_000).default(0),
    budget: z.number().positive().max(10).optional(),
  })
  .strict();
export type ClientRetries = z.infer<typeof ClientRetries>;

/** The open loop's offered rate from a fault event on: the load point's rate times `factor` (1: back to it). */
export const LoadChange = z.object({ factor: z.number().positive().max(100) }).strict();
export type LoadChange = z.infer<typeof LoadChange>;

/** One load level; a scenario lists one or more, and each becomes its own cell. */
export const LoadPoint = z.discriminatedUnion('kind', [
  z
    .object({
      /** Open loop: a fixed offered rate, latency measured from each request's intended start. */
      kind: z.literal('open'),
      rate: z.number().positive().max(MAX_OPEN_RATE),
      /** Requests due while this many are outstanding are not sent, and counted as dropped. */
      maxInFlight: z.number().int().positive().default(512),
      /** The generator as a retrying client (issue 13): off when absent. */
      clientRetries: ClientRetries.optional(),
      /**
       * Generator processes sharing this load's one schedule (worker i sends every n-th request; their per-second
       * histograms are merged exactly): an integer, or `auto` for one per core of the load generator's side.
       * Absent or 1: one generator process, as before. `run --workers host:port,...` uses remote workers instead.
       */
      workers: z.union([z.number().int().min(1).max(64), z.literal('auto')]).optional(),
    })
    .strict(),
  z
    .object({
      /**
       * Stepped open loop, for capacity at the SLO: open-loop steps of `step` each at `start`, start x
       * factor, start x factor^2 ... req/s, until `maxSteps` or `maxRate`, or until two steps in a row break
       * the SLO (p99 above it, or fewer than 99.9% answered). See bench/load/src/steps.ts.
       */
      kind: z.literal('steps'),
      start: z.number().positive().max(50_000),
      factor: z.number().gt(1).max(10),
      step: Duration,
      maxSteps: z.number().int().min(1).max(50).default(12),
      maxRate: z.number().positive().max(50_000).optional(),
      maxInFlight: z.number().int().positive().default(512),
    })
    .strict(),
  z
    .object({
      /** Closed loop (autocannon): maximum throughput at a given concurrency. */
      kind: z.literal('closed'),
      connections: z.number().int().positive().max(4096),
    })
    .strict(),
]);
export type LoadPoint = z.infer<typeof LoadPoint>;

/**
 * A network fault on the link from one module to another, named by module so that one scenario fits every
 * topology: where the two run in different processes the runtime puts a fault proxy on the wire between
 * them; where they share a process there is no wire, and the cell notes that the fault does not apply.
 * `toxics` replace the link's current ones; `[]` lifts them.
 */
export const LinkFault = z
  .object({
    from: z.string().min(1),
    to: z.string().min(1),
    toxics: Toxics,
  })
  .strict()
  .superRefine((link, ctx) => {
    const modules = catalogModules();
    for (const end of ['from', 'to'] as const) {
      if (!modules.includes(link[end]))
        ctx.addIssue({
          code: 'custom',
          path: [end],
          message: `unknown module "${link[end]}": the modules are ${modules.join(', ')}`,
        });
    }
    if (link.from === link.to)
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'a link joins two different modules' });
  });
export type LinkFault = z.infer<typeof LinkFault>;

/**
 * At `at` seconds into the measured window, change the forwarder, the toxics of some links, the faults of some
 * modules and/or the open loop's offered rate (at least one of them); `phase` names what follows.
 * `load: { factor: 3 }` then `load: { factor: 1 }` is a pulse: the schedule itself changes rate, so latency still
 * runs from each request's intended start.
 */
export const FaultEvent = z
  .object({
    at: Duration,
    phase: Name,
    forwarder: z
      .object({
        sink: SinkConfig.optional(),
        whenFull: z.enum(['block', 'drop_newest']).optional(),
      })
      .strict()
      .optional(),
    links: z.array(LinkFault).min(1).optional(),
    /** Per-module faults (see module-faults.ts): latency, errors, block, cpuHog, crash. */
    modules: z.array(ModuleFaultChange).min(1).optional(),
    load: LoadChange.optional(),
  })
  .strict()
  .superRefine((event, ctx) => {
    if (!event.forwarder && !event.links && !event.modules && !event.load)
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: 'a fault event changes the forwarder, links, modules, the load, or several of them',
      });
    const modules = new Set<string>();
    event.modules?.forEach((change, i) => {
      if (modules.has(change.module))
        ctx.addIssue({
          code: 'custom',
          path: ['modules', i],
          message: `module ${change.module} is listed twice in one event`,
        });
      modules.add(change.module);
    });
    const seen = new Set<string>();
    event.links?.forEach((link, i) => {
      const name = `${link.from}->${link.to}`;
      if (seen.has(name))
        ctx.addIssue({ code: 'custom', path: ['links', i], message: `link ${name} is listed twice in one event` });
      seen.add(name);
    });
  });
export type FaultEvent = z.infer<typeof FaultEvent>;

export const ScenarioSchema = z
  .object({
    name: Name,
    description: z.string().min(1),
    topologies: z.array(z.string().min(1)).min(1),
    logging: z.array(LoggingConfig).min(1),
    load: z.array(LoadPoint).min(1),
    duration: Duration,
    warmup: Duration.default(5_000),
    mix: TrafficMix.default({ checkout: 80, orderStatus: 20 }),
    timeout: Duration.default(2_000),
    faults: z.array(FaultEvent).default([]),
    slo: z.object({ p99Ms: z.number().positive() }).strict().default({ p99Ms: 250 }),
    repeat: z.number().int().min(1).max(50).default(1),
    seed: z.number().int().min(0).default(42),
    population: z.number().int().min(10).max(1_000_000).default(10_000),
    /**
     * Optional: resilience presets (libs/platform/resilience) to run every cell under, each its own cell, like a
     * logging configuration. Left out: no policies at all (one attempt per call under the deadline), and cell
     * keys without a preset part, as before presets existed.
     */
    resilience: z.array(z.string()).min(1).optional(),
  })
  .strict()
  .superRefine((scenario, ctx) => {
    const names = new Set<string>();
    scenario.logging.forEach((logging, i) => {
      if (names.has(logging.name))
        ctx.addIssue({
          code: 'custom',
          path: ['logging', i, 'name'],
          message: `duplicate logging name "${logging.name}"`,
        });
      names.add(logging.name);
    });
    const syslogNg = scenario.logging.find((logging) => logging.forwarder.kind === 'syslog-ng');
    const presets = resiliencePresetNames();
    scenario.resilience?.forEach((preset, i) => {
      if (!presets.includes(preset))
        ctx.addIssue({
          code: 'custom',
          path: ['resilience', i],
          message: `unknown resilience preset "${preset}" (the presets are ${presets.join(', ')})`,
        });
      if (scenario.resilience?.indexOf(preset) !== i)
        ctx.addIssue({ code: 'custom', path: ['resilience', i], message: `preset "${preset}" is listed twice` });
    });
    let previous = -1;
    scenario.faults.forEach((fault, i) => {
      if (syslogNg && fault.forwarder?.whenFull !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['faults', i, 'forwarder', 'whenFull'],
          message: `logging "${syslogNg.name}" runs syslog-ng, whose flow control is set when it starts: a fault cannot change whenFull`,
        });
      const crash = fault.modules?.findIndex((m) => m.faults.some((f) => f.type === 'crash')) ?? -1;
      if (syslogNg && crash >= 0)
        ctx.addIssue({
          code: 'custom',
          path: ['faults', i, 'modules', crash],
          message: `logging "${syslogNg.name}" runs syslog-ng, whose per-process counters span a crashed process's lives: crash faults need the built-in forwarder`,
        });
      if (fault.at <= previous)
        ctx.addIssue({ code: 'custom', path: ['faults', i, 'at'], message: 'fault times must increase' });
      if (fault.at >= scenario.duration)
        ctx.addIssue({
          code: 'custom',
          path: ['faults', i, 'at'],
          message: `must be before the end of the run (duration ${scenario.duration} ms)`,
        });
      previous = fault.at;
    });
    checkLoadChanges(scenario, ctx);
  });
export type Scenario = z.infer<typeof ScenarioSchema>;

/** A pulse needs a schedule (open loop), and its peak must stay within the open loop's rate limit. */
function checkLoadChanges(scenario: { load: LoadPoint[]; faults: FaultEvent[] }, ctx: z.RefinementCtx): void {
  const changes = scenario.faults.flatMap((fault, i) => (fault.load ? [{ i, factor: fault.load.factor }] : []));
  if (changes.length === 0) return;
  const peak = Math.max(1, ...changes.map((c) => c.factor));
  scenario.load.forEach((load, i) => {
    if (load.kind !== 'open')
      ctx.addIssue({
        code: 'custom',
        path: ['load', i],
        message: `a fault event changes the load, which needs a fixed-rate open loop (a ${load.kind} load sets its own rates)`,
      });
    else if (load.rate * peak > MAX_OPEN_RATE)
      ctx.addIssue({
        code: 'custom',
        path: ['load', i, 'rate'],
        message: `rate ${load.rate} x factor ${peak} exceeds the open loop's ${MAX_OPEN_RATE} req/s`,
      });
  });
}
export type ScenarioInput = z.input<typeof ScenarioSchema>;
