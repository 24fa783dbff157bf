import { INTERNAL_AUTH_HEADER } from '@paybench/platform-http';
import type { DeployInput } from './deploy-input.js';
import { FORWARDER_CONTROL_PORT, FORWARDER_NAME, processUrlsInCluster, SECRET_KEYS, SECRET_NAME } from './names.js';
import { Targets } from './targets-schema.js';

/** The targets file of a generated deployment: in-cluster addresses, credentials by reference. */
export function kubernetesTargets(input: DeployInput): Targets {
  const { topology, options } = input;
  const { namespace } = options;
  const secret = (key: string) => ({ from: 'kubernetes-secret' as const, namespace, name: SECRET_NAME, key });
  const entry = topology.entry ?? topology.processes[0]?.name ?? '';
  return Targets.parse({
    version: 1,
    description:
      `Kubernetes: topology ${topology.name} in namespace ${namespace}, image ${options.image}, ` +
      `logging ${input.source.logging} of scenario ${input.source.scenario}`,
    topology: topology.name,
    entryUrl: processUrlsInCluster(entry, namespace).publicUrl,
    internal: { header: INTERNAL_AUTH_HEADER, credential: secret(SECRET_KEYS.internal) },
    population: { seed: input.population.seed, consumers: input.population.consumers },
    tokenSecret: secret(SECRET_KEYS.auth),
    processes: topology.processes.map((process) => ({
      name: process.name,
      modules: process.modules,
      replicas: process.replicas ?? 1,
      ...processUrlsInCluster(process.name, namespace),
    })),
    logging: {
      logger: input.logging.logger,
      driver: input.logging.driver,
      forwarder: input.logging.forwarder,
    },
    // The generated processes wrap no remote call in a resilience preset.
    resilience: null,
    forwarder: {
      kind: 'paybench',
      controlUrl: `http://127.0.0.1:${FORWARDER_CONTROL_PORT}`,
      // Loopback-only inside the forwarder's Pod, with no credential of its own: access to it is access to the
      // cluster (RBAC `pods/portforward`).
      credential: { from: 'none' },
      reach: `kubectl port-forward --namespace ${namespace} daemonset/${FORWARDER_NAME} ${FORWARDER_CONTROL_PORT}:${FORWARDER_CONTROL_PORT}`,
    },
    // No fault proxies run between the Pods, so link faults cannot be applied here.
    faults: ['forwarder-sink', 'forwarder-when-full', 'module-faults'],
    notes: [
      'entryUrl and metricsUrl are in-cluster Service names: run the runner in the cluster, or port-forward them.',
      'one forwarder runs per node: forwarder.reach reaches one of them (a one-node cluster has one).',
      'a metricsUrl of a process with several replicas reaches one replica per scrape (the Service balances).',
    ],
  });
}
