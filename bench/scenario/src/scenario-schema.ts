import { z } from 'zod';
import { Toxics } from '@paybench/platform-fault-proxy';
import { Duration } from './duration.js';
import { catalogModules } from './catalog-modules.js';

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
        mode: z.enum(['sync', 'async', 'async-bounded']),
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
        whenFull: z.enum(['block', 'drop_newest']),
        maxEvents: z.number().int().positive().default(500),
      })
      .strict(),
  })
  .strict();
export type LoggingConfig = z.infer<typeof LoggingConfig>;

export const TrafficMix = z
  .object({
    checkout: z.number().nonnegative(),
    orderStatus: z.number().nonnegative(),
  })
  .strict()
  .refine((mix) => mix.checkout + mix.orderStatus > 0, 'at least one traffic class needs a positive weight');

/** One load level; a scenario lists one or more, and each becomes its own cell. */
export const LoadPoint = z.discriminatedUnion('kind', [
  z
    .object({
      /** Open loop: a fixed offered rate, latency measured from each request's intended start. */
      kind: z.literal('open'),
      rate: z.number().positive().max(50_000),
      /** Requests due while this many are outstanding are not sent, and counted as dropped. */
      maxInFlight: z.number().int().positive().default(512),
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
 * At `at` seconds into the measured window, change the forwarder and/or the toxics of some links (at least
 * one of the two); `phase` names what follows.
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
  })
  .strict()
  .superRefine((event, ctx) => {
    if (!event.forwarder && !event.links)
      ctx.addIssue({ code: 'custom', path: [], message: 'a fault event changes the forwarder, links, or both' });
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
    let previous = -1;
    scenario.faults.forEach((fault, i) => {
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
  });
export type Scenario = z.infer<typeof ScenarioSchema>;
export type ScenarioInput = z.input<typeof ScenarioSchema>;
