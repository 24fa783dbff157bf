import type { LoggingConfig } from '@paybench/bench-scenario';
import type { TopologySpec } from '@paybench/platform-topology';
import { z } from 'zod';

/** A DNS-1123 label: what Kubernetes accepts as a namespace or an object's name. */
export const KubeName = z
  .string()
  .max(63)
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'lowercase letters, digits and dashes, starting and ending alphanumeric');

/** Requests and limits of one container, in Kubernetes quantities. */
export const Resources = z.strictObject({ cpu: z.string().min(1), memory: z.string().min(1) });
export type Resources = z.infer<typeof Resources>;

/** What a deployment is generated with, besides the topology and the logging configuration. */
export const DeployOptions = z.strictObject({
  namespace: KubeName.default('paybench'),
  /** The one image every app runs from (see the Dockerfile at the repository root). */
  image: z.string().min(1).default('paybench:latest'),
  /**
   * Requests equal to limits: every Pod is in the Guaranteed QoS class, so a measurement does not depend on what else
   * the node runs (the local runtime's pinning plays that part). Node is single-threaded: one core per process.
   */
  processResources: Resources.default({ cpu: '1', memory: '512Mi' }),
  forwarderResources: Resources.default({ cpu: '500m', memory: '256Mi' }),
  /** Load generator workers for `run --workers` (an Indexed Job, see load-worker-objects.ts); 0: none. */
  loadWorkers: z.number().int().min(0).max(64).default(0),
  /** One core each: a worker is one Node process, and a Guaranteed Pod keeps its schedule's timing its own. */
  workerResources: Resources.default({ cpu: '1', memory: '256Mi' }),
});
export type DeployOptions = z.infer<typeof DeployOptions>;

/** Everything one generation reads. */
export interface DeployInput {
  /** Loaded by `loadTopology` (every process names its app). */
  readonly topology: TopologySpec;
  /** The scenario's logging configuration the deployment runs with: logger, driver and forwarder settings. */
  readonly logging: LoggingConfig;
  /** Where it came from, for the ConfigMap and the targets' description. */
  readonly source: { readonly scenario: string; readonly logging: string };
  /** The population every process seeds alike, and the per-call deadline: the scenario's. */
  readonly population: { readonly seed: number; readonly consumers: number };
  readonly callTimeoutMs: number;
  /** The payment options file's text (JSON), shipped in the ConfigMap and read by checkout at start. */
  readonly paymentOptionsJson: string;
  /** The Secret's values; the caller makes them (fresh random bytes), so that no value comes from the repository. */
  readonly secrets: { readonly internal: string; readonly auth: string };
  readonly options: DeployOptions;
}
