import type { TopologySpec } from '@paybench/platform-topology';
import type { DeployInput } from './deploy-input.js';
import type { KubeObject } from './kube-object.js';
import {
  CONFIG_DIR,
  CONFIG_MAP_NAME,
  DATA_DIR,
  INTERNAL_PORT,
  labelsFor,
  processObjectName,
  PUBLIC_PORT,
  selectorFor,
} from './names.js';
import { imageContainer, podSpec } from './pod-spec.js';
import { processEnv } from './process-env.js';

type ProcessSpec = TopologySpec['processes'][number];

/** The Deployment and the Service of one process of the topology. */
export function processObjects(input: DeployInput, process: ProcessSpec, configHash: string): KubeObject[] {
  return [deployment(input, process, configHash), service(input, process)];
}

function deployment(input: DeployInput, process: ProcessSpec, configHash: string): KubeObject {
  const { namespace, image, processResources } = input.options;
  const name = processObjectName(process.name);
  const labels = labelsFor(process.name, input.topology.name);
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace, labels },
    spec: {
      replicas: process.replicas ?? 1,
      selector: { matchLabels: selectorFor(process.name) },
      template: {
        metadata: {
          labels,
          annotations: {
            // The convention Prometheus' Kubernetes pod discovery examples keep: scrape the internal listener. Its
            // /metrics answers only with the deployment's secret: the scrape job sends it (see the README).
            'prometheus.io/scrape': 'true',
            'prometheus.io/port': String(INTERNAL_PORT),
            'prometheus.io/path': '/metrics',
            // A changed ConfigMap (payment options, topology) rolls the Pods.
            'paybench/config-hash': configHash,
          },
        },
        spec: podSpec({
          terminationGracePeriodSeconds: 10,
          fsGroup: true,
          containers: [
            imageContainer({
              name: 'process',
              image,
              // The app itself runs under the Pod's log driver, which names it (see process-env.ts).
              command: ['node', 'apps/log-driver/dist/main.js'],
              ports: [
                { name: 'http', containerPort: PUBLIC_PORT, protocol: 'TCP' },
                { name: 'internal', containerPort: INTERNAL_PORT, protocol: 'TCP' },
              ],
              env: processEnv(input, process),
              // Both probes are served by the public listener (libs/platform/host health-routes), which needs no
              // credential. /readyz also asks every peer process it calls: a Pod is ready when its calls can succeed.
              probes: {
                startupProbe: httpProbe('/healthz', { periodSeconds: 2, failureThreshold: 60 }),
                readinessProbe: httpProbe('/readyz', { periodSeconds: 5, failureThreshold: 2 }),
                livenessProbe: httpProbe('/healthz', { periodSeconds: 10, failureThreshold: 3 }),
              },
              resources: processResources,
              volumeMounts: [
                { name: 'data', mountPath: DATA_DIR },
                { name: 'config', mountPath: CONFIG_DIR, readOnly: true },
                { name: 'tmp', mountPath: '/tmp' },
              ],
            }),
          ],
          volumes: [
            // Each replica's own database, seeded at start like under the local runtime, gone with the Pod.
            { name: 'data', emptyDir: {} },
            { name: 'config', configMap: { name: CONFIG_MAP_NAME } },
            { name: 'tmp', emptyDir: {} },
          ],
        }),
      },
    },
  };
}

function httpProbe(path: string, timing: { periodSeconds: number; failureThreshold: number }): object {
  return { httpGet: { path, port: 'http', scheme: 'HTTP' }, timeoutSeconds: 2, ...timing };
}

function service(input: DeployInput, process: ProcessSpec): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: processObjectName(process.name),
      namespace: input.options.namespace,
      labels: labelsFor(process.name, input.topology.name),
    },
    spec: {
      type: 'ClusterIP',
      selector: selectorFor(process.name),
      ports: [
        { name: 'http', port: PUBLIC_PORT, targetPort: 'http', protocol: 'TCP' },
        { name: 'internal', port: INTERNAL_PORT, targetPort: 'internal', protocol: 'TCP' },
      ],
    },
  };
}
