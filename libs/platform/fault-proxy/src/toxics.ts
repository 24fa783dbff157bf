import { z } from 'zod';

/**
 * Which way a toxic acts: `upstream` is client -> server (requests), `downstream` is server -> client
 * (answers), `both` is each way (a latency of `ms` both ways adds 2 x `ms` to a request/response round trip).
 */
export const ToxicDirection = z.enum(['both', 'upstream', 'downstream']);
export type ToxicDirection = z.infer<typeof ToxicDirection>;

/** Ten minutes: longer than any scenario's timeout, short enough to catch a unit mistake (seconds vs ms). */
const MAX_DELAY_MS = 600_000;
const direction = ToxicDirection.default('both');

/**
 * Delays every chunk by `ms` plus a uniform jitter in [-jitterMs, +jitterMs] (never below 0). A chunk is never
 * released before the one read before it on its connection, so jitter cannot reorder a byte stream.
 */
export const LatencyToxic = z.strictObject({
  type: z.literal('latency'),
  ms: z.number().min(0).max(MAX_DELAY_MS),
  jitterMs: z.number().min(0).max(MAX_DELAY_MS).default(0),
  direction,
});

/** Caps each connection's throughput, per direction, with a token bucket holding 1/20 s of bytes (at most 16 KiB). */
export const BandwidthToxic = z.strictObject({
  type: z.literal('bandwidth'),
  bytesPerSecond: z.number().int().min(1),
  direction,
});

/**
 * Resets connections with a TCP RST to both ends. `probability`: each chunk read resets its connection with that
 * probability (the chunk is not forwarded). `afterBytes`: a connection is reset once it has forwarded that many
 * bytes since the toxic was set (counted per direction; 0 resets at the next chunk).
 */
export const ResetPeerToxic = z
  .strictObject({
    type: z.literal('resetPeer'),
    probability: z.number().min(0).max(1).optional(),
    afterBytes: z.number().int().min(0).optional(),
    direction,
  })
  .refine((toxic) => (toxic.probability === undefined) !== (toxic.afterBytes === undefined), {
    message: 'resetPeer takes exactly one of probability and afterBytes',
  });

/**
 * Accepts and reads, never forwards, never answers: bytes read are discarded. New connections are accepted and
 * existing ones stall; nothing is closed. Lifting it lets later bytes (and new connections) through.
 */
export const BlackHoleToxic = z.strictObject({ type: z.literal('blackHole'), direction });

/** No fault: the same as an empty list. */
export const NoneToxic = z.strictObject({ type: z.literal('none') });

export const Toxic = z.discriminatedUnion('type', [
  LatencyToxic,
  BandwidthToxic,
  ResetPeerToxic,
  BlackHoleToxic,
  NoneToxic,
]);
export type Toxic = z.infer<typeof Toxic>;
/** A toxic as written in a scenario: defaults (direction `both`, jitter 0) may be left out. */
export type ToxicInput = z.input<typeof Toxic>;

/** A proxy's toxics: at most one of each type per direction. */
export const Toxics = z.array(Toxic).superRefine((toxics, ctx) => {
  const seen = new Map<string, number>();
  toxics.forEach((toxic, index) => {
    if (toxic.type === 'none') return;
    for (const way of ways(toxic.direction)) {
      const key = `${toxic.type}/${way}`;
      const first = seen.get(key);
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [index],
          message: `toxics ${first} and ${index} are both ${toxic.type} on the ${way} direction: one per direction`,
        });
        return;
      }
      seen.set(key, index);
    }
  });
});

/** What one direction of every connection does to its chunks, compiled from the toxics. */
export interface DirectionFaults {
  readonly latency: { readonly ms: number; readonly jitterMs: number } | undefined;
  readonly bandwidth: { readonly bytesPerSecond: number } | undefined;
  readonly reset: { readonly probability: number } | { readonly afterBytes: number } | undefined;
  readonly blackHole: boolean;
  /** Bumped at every change, so per-connection counters (`afterBytes`) restart when the toxics change. */
  readonly generation: number;
}

export interface CompiledToxics {
  readonly upstream: DirectionFaults;
  readonly downstream: DirectionFaults;
}

function ways(direction: ToxicDirection): ('upstream' | 'downstream')[] {
  return direction === 'both' ? ['upstream', 'downstream'] : [direction];
}

/** Validates toxics (throwing an error that names the toxic and field) and compiles them per direction. */
export function compileToxics(input: unknown, generation: number): CompiledToxics {
  const parsed = Toxics.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${fieldName(issue.path)}: ${issue.message}`);
    throw new Error(`fault proxy: invalid toxics: ${issues.join('; ')}`, { cause: parsed.error });
  }
  const faults = {
    upstream: { latency: undefined, bandwidth: undefined, reset: undefined, blackHole: false, generation },
    downstream: { latency: undefined, bandwidth: undefined, reset: undefined, blackHole: false, generation },
  } as { upstream: Mutable<DirectionFaults>; downstream: Mutable<DirectionFaults> };
  for (const toxic of parsed.data) {
    if (toxic.type === 'none') continue;
    for (const way of ways(toxic.direction)) {
      const target = faults[way];
      if (toxic.type === 'latency') target.latency = { ms: toxic.ms, jitterMs: toxic.jitterMs };
      else if (toxic.type === 'bandwidth') target.bandwidth = { bytesPerSecond: toxic.bytesPerSecond };
      else if (toxic.type === 'blackHole') target.blackHole = true;
      else if (toxic.probability !== undefined) target.reset = { probability: toxic.probability };
      else target.reset = { afterBytes: toxic.afterBytes ?? 0 };
    }
  }
  return faults;
}

/** `toxics[0].ms` for the path [0, 'ms']. */
function fieldName(path: readonly PropertyKey[]): string {
  return `toxics${path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`)).join('')}`;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
