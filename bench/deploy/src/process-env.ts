import { POD_LOG_DRIVER_ENV, PodLogDriverConfig } from '@paybench/platform-runtime';
import { PROCESS_CONFIG_ENV, type ProcessConfigInput, type TopologySpec } from '@paybench/platform-topology';
import type { DeployInput } from './deploy-input.js';
import {
  CONFIG_DIR,
  DATA_DIR,
  FORWARDER_DATA_PORT,
  FORWARDER_NAME,
  INTERNAL_PORT,
  processUrlsInCluster,
  PUBLIC_PORT,
  SECRET_KEYS,
  SECRET_NAME,
} from './names.js';

/** Environment variables a Pod defines before the process configuration, which refers to them as `$(NAME)`. */
export const POD_UID_ENV = 'PAYBENCH_POD_UID';
export const INTERNAL_SECRET_ENV = 'PAYBENCH_INTERNAL_SECRET';
export const AUTH_SECRET_ENV = 'PAYBENCH_AUTH_SECRET';

/** Where the ConfigMap's payment options are mounted: checkout reads them at start (`paymentOptionsFile`). */
export const PAYMENT_OPTIONS_FILE = `${CONFIG_DIR}/payment-options.json`;

type ProcessSpec = TopologySpec['processes'][number];

/**
 * A process's environment in its Pod. The apps read their whole configuration from one variable
 * (PROCESS_CONFIG_ENV), as under the local supervisor, so the same binaries run unchanged; here the values the
 * supervisor would make at each start come from the Pod instead, through Kubernetes' `$(NAME)` expansion of earlier
 * variables: the secrets from the Secret (never written into the manifest) and the nonce from the Pod's UID.
 */
export function processEnv(input: DeployInput, process: ProcessSpec): object[] {
  return [
    { name: POD_UID_ENV, valueFrom: { fieldRef: { fieldPath: 'metadata.uid' } } },
    { name: INTERNAL_SECRET_ENV, valueFrom: { secretKeyRef: { name: SECRET_NAME, key: SECRET_KEYS.internal } } },
    { name: AUTH_SECRET_ENV, valueFrom: { secretKeyRef: { name: SECRET_NAME, key: SECRET_KEYS.auth } } },
    { name: PROCESS_CONFIG_ENV, value: JSON.stringify(processConfig(input, process)) },
    { name: POD_LOG_DRIVER_ENV, value: JSON.stringify(logDriverConfig(input, process)) },
  ];
}

/**
 * The Pod's log driver (apps/log-driver, the container's command): it runs the app with its stdout on a pipe and
 * ships it to the node's forwarder in the scenario's driver mode, as the local supervisor's drivers do.
 */
export function logDriverConfig(input: DeployInput, process: ProcessSpec): PodLogDriverConfig {
  if (!process.app) throw new Error(`process "${process.name}" names no app: load the topology with loadTopology`);
  return PodLogDriverConfig.parse({
    name: process.name,
    script: `apps/${process.app}/dist/main.js`,
    driver: { mode: input.logging.driver.mode, maxBufferBytes: input.logging.driver.maxBufferBytes },
    forwarder: { host: `${FORWARDER_NAME}.${input.options.namespace}.svc`, port: FORWARDER_DATA_PORT },
    logDir: '/tmp',
    graceMs: 5_000,
  });
}

/** The configuration one process reads, with `$(NAME)` where Kubernetes fills in a value at the Pod's start. */
export function processConfig(input: DeployInput, process: ProcessSpec): ProcessConfigInput {
  const { topology, options } = input;
  const entry = topology.entry ?? topology.processes[0]?.name;
  const moduleUrls: Record<string, string> = {};
  for (const peer of topology.processes) {
    const { internalUrl } = processUrlsInCluster(peer.name, options.namespace);
    for (const module of peer.modules) moduleUrls[module] = internalUrl;
  }
  return {
    topology: topology.name,
    process: process.name,
    modules: process.modules,
    // Inside a Pod, and only there, both listeners bind every address: the Pod's own network namespace is the
    // boundary (the kubelet's probes and the Services reach the Pod's IP, not its loopback). The internal listener
    // still answers only calls carrying the deployment's secret.
    host: '0.0.0.0',
    port: PUBLIC_PORT,
    internalHost: '0.0.0.0',
    internalPort: INTERNAL_PORT,
    internalSecret: `$(${INTERNAL_SECRET_ENV})`,
    nonce: `$(${POD_UID_ENV})`,
    databaseFile: `${DATA_DIR}/${process.name}.db`,
    isEntry: process.name === entry,
    moduleUrls,
    settings: {
      seed: input.population.seed,
      consumers: input.population.consumers,
      authSecret: `$(${AUTH_SECRET_ENV})`,
      paymentOptionsFile: PAYMENT_OPTIONS_FILE,
    },
    logger: { mode: input.logging.logger.mode, maxBufferBytes: input.logging.logger.maxBufferBytes, level: 'info' },
    callTimeoutMs: input.callTimeoutMs,
  };
}
