import type { DeployInput } from './deploy-input.js';
import type { KubeObject } from './kube-object.js';
import { labelsFor, SECRET_KEYS, SECRET_NAME, selectorFor } from './names.js';
import { imageContainer, podSpec } from './pod-spec.js';

/** The load generator workers' Job, headless Service and label component. */
export const LOAD_WORKERS_NAME = 'paybench-load-workers';
export const LOAD_WORKERS_COMPONENT = 'load-workers';
/** The port `paybench worker` listens on in its Pod. */
export const LOAD_WORKER_PORT = 7100;

/**
 * The load generator workers of `paybench run --workers` (the worker protocol, bench/load/src/workers): an Indexed
 * Job (the pattern k6-operator uses: completionMode Indexed, one Pod per index, all running at once) and a headless
 * Service, so that worker i has the stable name paybench-load-workers-<i>.paybench-load-workers.<namespace>.svc. Each
 * runs `paybench worker` on its port; the token runners must present is the deployment's internal secret (by
 * reference, from the Secret). The Pods serve until the Job is deleted (after the run: kubectl delete job ...).
 */
export function loadWorkerObjects(input: DeployInput): KubeObject[] {
  const count = input.options.loadWorkers;
  if (count === 0) return [];
  const { namespace, image, workerResources } = input.options;
  const labels = labelsFor(LOAD_WORKERS_COMPONENT, input.topology.name);
  const selector = selectorFor(LOAD_WORKERS_COMPONENT);
  const service: KubeObject = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: LOAD_WORKERS_NAME, namespace, labels },
    spec: {
      // Headless: DNS names each Pod (through the Job's subdomain) instead of balancing over them.
      clusterIP: 'None',
      selector,
      ports: [{ name: 'worker', port: LOAD_WORKER_PORT, targetPort: 'worker', protocol: 'TCP' }],
    },
  };
  const job: KubeObject = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: LOAD_WORKERS_NAME, namespace, labels },
    spec: {
      completionMode: 'Indexed',
      completions: count,
      parallelism: count,
      backoffLimit: count,
      template: {
        metadata: { labels },
        spec: podSpec({
          lead: { subdomain: LOAD_WORKERS_NAME, restartPolicy: 'OnFailure' },
          containers: [
            imageContainer({
              name: 'worker',
              image,
              // Beyond loopback on purpose (the runner is another Pod), behind the token.
              command: ['node', 'bench/cli/dist/main.js', 'worker', '--listen', `0.0.0.0:${LOAD_WORKER_PORT}`],
              ports: [{ name: 'worker', containerPort: LOAD_WORKER_PORT, protocol: 'TCP' }],
              env: [
                {
                  name: 'PAYBENCH_WORKER_TOKEN',
                  valueFrom: { secretKeyRef: { name: SECRET_NAME, key: SECRET_KEYS.internal } },
                },
              ],
              probes: { readinessProbe: { tcpSocket: { port: 'worker' }, periodSeconds: 5 } },
              resources: workerResources,
            }),
          ],
        }),
      },
    },
  };
  return [service, job];
}

/** The addresses `run --workers` takes for these workers, from inside the cluster. */
export function loadWorkerAddresses(namespace: string, count: number): string[] {
  return Array.from(
    { length: count },
    (_, i) => `${LOAD_WORKERS_NAME}-${i}.${LOAD_WORKERS_NAME}.${namespace}.svc:${LOAD_WORKER_PORT}`,
  );
}
