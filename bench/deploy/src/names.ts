/**
 * The names and fixed addresses every generated object agrees on. Inside a Pod each process has the network to
 * itself, so every process listens on the same two ports (unlike the local runtime, which spreads them over one host).
 */
export const PUBLIC_PORT = 3000;
export const INTERNAL_PORT = 3100;
/** The log-forwarder's NDJSON source (the drivers' destination) and its control API (loopback inside its Pod). */
export const FORWARDER_DATA_PORT = 24224;
export const FORWARDER_CONTROL_PORT = 9190;

export const SECRET_NAME = 'paybench-secrets';
/** Keys of the Secret: the internal listeners' shared secret, and the consumer tokens' signing secret. */
export const SECRET_KEYS = { internal: 'internal-secret', auth: 'auth-secret' } as const;
export const CONFIG_MAP_NAME = 'paybench-config';
export const FORWARDER_NAME = 'paybench-log-forwarder';

/** Where the image keeps the workspace, and where a Pod mounts its configuration and its database. */
export const IMAGE_WORKDIR = '/app';
export const CONFIG_DIR = '/etc/paybench';
export const DATA_DIR = '/var/lib/paybench';
/** The official Node image's unprivileged user. */
export const NODE_UID = 1000;

/** The Deployment and Service of one process. */
export function processObjectName(process: string): string {
  return `paybench-${process}`;
}

/** What a component's Services and workloads select: its Pods only (the topology label may change, the selector not). */
export function selectorFor(component: string): Record<string, string> {
  return { 'app.kubernetes.io/name': 'paybench', 'app.kubernetes.io/component': component };
}

/** Labels every object carries; `component` tells the processes and the forwarder apart. */
export function labelsFor(component: string, topology: string): Record<string, string> {
  return {
    ...selectorFor(component),
    'app.kubernetes.io/part-of': 'paybench',
    'paybench/topology': topology,
  };
}

/** The in-cluster origin of a Service, resolved through the Pod's DNS search path from any namespace. */
export function serviceOrigin(service: string, namespace: string, port: number): string {
  return `http://${service}.${namespace}.svc:${port}`;
}

/** Where a process of the deployment answers in the cluster: its Service's public and internal origins. */
export interface ProcessUrls {
  /** The public API (`/v1/*`, `/readyz`). */
  readonly publicUrl: string;
  /** The internal listener (module RPC, `/stats/sample`, module faults), behind the deployment's secret. */
  readonly internalUrl: string;
  /** Prometheus text format, on the internal listener. */
  readonly metricsUrl: string;
}

/** The URLs of a process in the cluster: the one place the generated objects and the targets file derive them. */
export function processUrlsInCluster(process: string, namespace: string): ProcessUrls {
  const service = processObjectName(process);
  const internalUrl = serviceOrigin(service, namespace, INTERNAL_PORT);
  return {
    publicUrl: serviceOrigin(service, namespace, PUBLIC_PORT),
    internalUrl,
    metricsUrl: `${internalUrl}/metrics`,
  };
}
