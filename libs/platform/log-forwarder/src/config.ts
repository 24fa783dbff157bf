import { z } from 'zod';

/**
 * How the sink spends time on each event. The cost is wall time, never CPU: the incident's
 * forwarder was slow without being short of CPU, and a busy-looping forwarder would steal one of
 * the machine's two cores from the system under test.
 */
export const sinkConfigSchema = z.discriminatedUnion('mode', [
  /** As fast as the process can (still real work: counters and simple metrics). */
  z.strictObject({ mode: z.literal('normal') }),
  /** Every event costs the same wall time. */
  z.strictObject({ mode: z.literal('fixed'), perEventUs: z.number().positive().max(60_000_000) }),
  /** A throughput cap. */
  z.strictObject({ mode: z.literal('rate'), eventsPerSecond: z.number().positive().max(10_000_000) }),
  /**
   * The incident's trigger: metrics on log size per label combination. Each event costs
   * baseUs + perSeriesNs * series / 1000 microseconds, so the forwarder slows down as the number
   * of distinct series grows, which it does without limit when a label (a trace id) is unbounded.
   */
  z.strictObject({
    mode: z.literal('cardinality'),
    baseUs: z.number().nonnegative().max(60_000_000),
    perSeriesNs: z.number().nonnegative().max(1_000_000_000),
    labels: z.array(z.string().min(1)).min(1).max(32),
  }),
  /** Processes nothing until the mode changes. */
  z.strictObject({ mode: z.literal('stall') }),
]);
export type SinkConfig = z.infer<typeof sinkConfigSchema>;
export type SinkMode = SinkConfig['mode'];

/** Vector's `when_full`: `block` pushes backpressure to the senders, `drop_newest` discards. */
export const whenFullSchema = z.enum(['block', 'drop_newest']);
export type WhenFull = z.infer<typeof whenFullSchema>;

const portSchema = z.int().min(0).max(65_535);
const maxEventsSchema = z.int().min(1).max(10_000_000);

export const forwarderConfigSchema = z.strictObject({
  host: z.string().min(1),
  /** 0 picks a free port; the real one is reported once listening. */
  dataPort: portSchema,
  controlPort: portSchema,
  /**
   * Listen on this Unix socket path instead of host:dataPort (then dataPort reads 0). For syslog-ng's destination:
   * a local hop of the harness's own making, whose kernel buffer stays ~200 KB where loopback TCP grows to megabytes.
   */
  dataSocket: z.string().min(1).max(100).optional(),
  /** Buffer size counted in events, like Vector's memory buffer (default there: 500). */
  maxEvents: maxEventsSchema,
  whenFull: whenFullSchema,
  sink: sinkConfigSchema,
});
export type ForwarderConfig = z.infer<typeof forwarderConfigSchema>;

/** What can change while running; the addresses cannot. */
export const configPatchSchema = z.strictObject({
  maxEvents: maxEventsSchema.optional(),
  whenFull: whenFullSchema.optional(),
  sink: sinkConfigSchema.optional(),
});
export type ConfigPatch = z.infer<typeof configPatchSchema>;

/** The part of the config the running forwarder can change (everything but the addresses). */
export type RuntimeConfig = Pick<ForwarderConfig, 'maxEvents' | 'whenFull' | 'sink'>;

export type ParseResult<T> = { ok: true; value: T } | { ok: false; field: string; message: string };

/** Validates with a schema and, on failure, names the first offending field in one line. */
export function parseWith<T>(schema: z.ZodType<T>, input: unknown): ParseResult<T> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0];
  if (!issue) return { ok: false, field: '(root)', message: 'invalid value' };
  // An unknown key is reported at its parent; name the key itself so the message points at it.
  const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
  const path = [...issue.path.map(String), ...keys.slice(0, 1)];
  const field = path.length > 0 ? path.join('.') : '(root)';
  return { ok: false, field, message: `${field}: ${issue.message}` };
}
