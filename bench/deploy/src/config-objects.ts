import { createHash } from 'node:crypto';
import type { DeployInput } from './deploy-input.js';
import type { KubeObject } from './kube-object.js';
import { CONFIG_MAP_NAME, labelsFor, SECRET_KEYS, SECRET_NAME } from './names.js';

/** The namespace everything else lives in. */
export function namespaceObject(input: DeployInput): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: input.options.namespace, labels: { 'app.kubernetes.io/part-of': 'paybench' } },
  };
}

/**
 * The deployment's secrets: the internal listeners' shared secret (what the local supervisor makes at every start)
 * and the consumer tokens' signing secret. Their values are the caller's (fresh random bytes at every generation),
 * so the file is as sensitive as the secrets themselves; Pods read them by reference only.
 */
export function secretObject(input: DeployInput): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: SECRET_NAME,
      namespace: input.options.namespace,
      labels: labelsFor('secrets', input.topology.name),
    },
    type: 'Opaque',
    stringData: { [SECRET_KEYS.internal]: input.secrets.internal, [SECRET_KEYS.auth]: input.secrets.auth },
  };
}

/** The ConfigMap's data: the topology, the payment options checkout reads, and the logging configuration. */
export function configData(input: DeployInput): Record<string, string> {
  return {
    'topology.json': `${JSON.stringify(input.topology, null, 2)}\n`,
    'payment-options.json': input.paymentOptionsJson,
    'logging.json': `${JSON.stringify({ ...input.source, ...input.logging }, null, 2)}\n`,
  };
}

export function configMapObject(input: DeployInput): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: CONFIG_MAP_NAME,
      namespace: input.options.namespace,
      labels: labelsFor('config', input.topology.name),
    },
    data: configData(input),
  };
}

/** A short digest of the ConfigMap's data, put on every Pod template so that a change rolls the Pods. */
export function configHash(data: Record<string, string>): string {
  return createHash('sha256').update(JSON.stringify(data)).digest('hex').slice(0, 16);
}
