import { parse as parseYaml } from 'yaml';
import { LoggingConfig } from '@paybench/bench-scenario';
import { z } from 'zod';

/**
 * Where a credential is, never what it is: a target file may be committed, its secrets may not.
 * - `kubernetes-secret`: a key of a Secret (read it with `kubectl get secret`);
 * - `env`: an environment variable of the runner's shell;
 * - `file`: a key of a YAML or JSON map in a file readable by its owner only (`paybench up --write-targets` writes
 *   one beside the targets file; a relative path is relative to the targets file);
 * - `none`: the endpoint asks for none (it is reachable only from where it listens, e.g. loopback).
 */
export const CredentialRef = z.discriminatedUnion('from', [
  z.strictObject({
    from: z.literal('kubernetes-secret'),
    namespace: z.string().min(1),
    name: z.string().min(1),
    key: z.string().min(1),
  }),
  z.strictObject({
    from: z.literal('env'),
    variable: z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'an environment variable'),
  }),
  z.strictObject({ from: z.literal('file'), path: z.string().min(1), key: z.string().min(1) }),
  z.strictObject({ from: z.literal('none') }),
]);
export type CredentialRef = z.infer<typeof CredentialRef>;

/** What the runner can do to a target: the fault timeline's changes it can apply there. */
export const TargetFault = z.enum([
  /** `forwarder.sink` of a fault event (slow, cap, cardinality, stall), through the forwarder's control API. */
  'forwarder-sink',
  /** `forwarder.whenFull` of a fault event. */
  'forwarder-when-full',
  /** `links` of a fault event: needs fault proxies between the processes. */
  'links',
  /**
   * `modules` faults that run inside the hosting process (latency, errors, block, cpuHog), set on its internal
   * listener (`PUT /faults/modules/<module>`, behind the deployment's secret), as locally.
   */
  'module-faults',
  /** `modules` crash faults: need whoever runs the processes to kill and restart one. */
  'module-crash',
]);
export type TargetFault = z.infer<typeof TargetFault>;

const Url = z.url({ protocol: /^https?$/ });

/**
 * A deployment paybench did not start, described for `paybench run --target <file>` (issue 15, section 1): where the
 * public API is, where each process's Prometheus metrics are, how to reach the log-forwarder's control API, and which
 * faults it can apply. `paybench deploy k8s` writes one for the deployment it generates.
 */
export const Targets = z.strictObject({
  version: z.literal(1),
  /** One line that a result marked `external` quotes. */
  description: z.string().min(1),
  topology: z.string().min(1),
  /** The public API (`POST /v1/checkout`, `GET /v1/orders/:id`, `/readyz`). */
  entryUrl: Url,
  /** The header every internal listener asks for (metrics included), and where its value is. */
  internal: z.strictObject({ header: z.string().min(1), credential: CredentialRef }),
  /**
   * Optional: the seed and number of consumers the target's processes generated; the load generator signs tokens
   * for these consumers, so `run --target` runs every cell with them instead of the scenario's (and says so).
   */
  population: z.strictObject({ seed: z.int().min(0), consumers: z.int().min(1) }).optional(),
  /** The consumer tokens' signing secret, which the load generator needs to mint tokens. */
  tokenSecret: CredentialRef,
  processes: z
    .array(
      z.strictObject({
        name: z.string().min(1),
        modules: z.array(z.string().min(1)).min(1),
        replicas: z.int().min(1).default(1),
        /** Prometheus text format (prom-client: process CPU seconds, resident memory, event-loop delay). */
        metricsUrl: Url,
        /**
         * Optional: the origin of the process's internal listener, where the runner reads `GET /stats/sample` once a
         * second and sets module faults; absent, the origin of `metricsUrl`.
         */
        internalUrl: Url.optional(),
        /** Optional: the process's own public API (the order-status reads go where `orders` lives); absent: entryUrl. */
        publicUrl: Url.optional(),
      }),
    )
    .min(1),
  /**
   * Optional: the logging configuration the target runs (the scenario's shape; its name is ignored). A cell of
   * another logging configuration is refused; absent, every cell's is taken as the target's, and the result says so.
   */
  logging: LoggingConfig.omit({ name: true }).optional(),
  /** Optional: the resilience preset every process runs (null: none); absent, not checked against the cells. */
  resilience: z.string().min(1).nullable().optional(),
  /** Absent: the target runs no log forwarder the runner can reach (no forwarder faults, no forwarder figures). */
  forwarder: z
    .strictObject({
      /** `paybench`: the built-in forwarder's control API (`GET /stats`, `PUT /config`). */
      kind: z.literal('paybench'),
      controlUrl: Url,
      credential: CredentialRef,
      /** How the runner reaches `controlUrl` when it is not directly reachable (a command to run first). */
      reach: z.string().min(1).optional(),
    })
    .optional(),
  faults: z.array(TargetFault),
  /** What a reader of a result should know about this target (limits, how URLs are reached). */
  notes: z.array(z.string()).default([]),
});
export type Targets = z.infer<typeof Targets>;

/** Reads a targets file's text (YAML or JSON); errors name the file and every bad field. */
export function parseTargets(text: string, file: string): Targets {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    throw new Error(`cannot parse targets file ${file}: ${(error as Error).message}`, { cause: error });
  }
  const parsed = Targets.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `  ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new Error(`invalid targets file ${file}:\n${issues.join('\n')}`);
  }
  return parsed.data;
}
