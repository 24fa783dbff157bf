import { FORWARDER_CONFIG_ENV, forwarderConfigSchema, type ForwarderConfig } from '@paybench/platform-log-forwarder';
import type { DeployInput } from './deploy-input.js';
import type { KubeObject } from './kube-object.js';
import { FORWARDER_CONTROL_PORT, FORWARDER_DATA_PORT, FORWARDER_NAME, labelsFor, selectorFor } from './names.js';
import { imageContainer, podSpec } from './pod-spec.js';

export const FORWARDER_COMPONENT = 'log-forwarder';

/**
 * The node-level log-forwarder: paybench's own, one per node (a DaemonSet), with the buffer (`maxEvents`) and the
 * `whenFull` policy of the scenario's logging configuration, and a Service whose traffic stays on the node
 * (`internalTrafficPolicy: Local`), so each Pod ships to the forwarder of its own node, as with a node agent.
 */
export function forwarderObjects(input: DeployInput): KubeObject[] {
  const { namespace, image, forwarderResources } = input.options;
  const labels = labelsFor(FORWARDER_COMPONENT, input.topology.name);
  const selector = selectorFor(FORWARDER_COMPONENT);
  return [
    {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: FORWARDER_NAME, namespace, labels },
      spec: {
        selector: { matchLabels: selector },
        template: {
          metadata: { labels },
          spec: podSpec({
            containers: [
              imageContainer({
                name: 'log-forwarder',
                image,
                command: ['node', 'apps/log-forwarder/dist/main.js'],
                ports: [{ name: 'data', containerPort: FORWARDER_DATA_PORT, protocol: 'TCP' }],
                env: [{ name: FORWARDER_CONFIG_ENV, value: JSON.stringify(forwarderConfig(input)) }],
                // Its control API listens on the Pod's loopback only (no credential: reach it with kubectl
                // port-forward), so the kubelet probes the data port.
                probes: {
                  readinessProbe: { tcpSocket: { port: 'data' }, periodSeconds: 5 },
                  livenessProbe: { tcpSocket: { port: 'data' }, periodSeconds: 10, failureThreshold: 3 },
                },
                resources: forwarderResources,
              }),
            ],
          }),
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: FORWARDER_NAME, namespace, labels },
      spec: {
        type: 'ClusterIP',
        selector,
        internalTrafficPolicy: 'Local',
        ports: [{ name: 'data', port: FORWARDER_DATA_PORT, targetPort: 'data', protocol: 'TCP' }],
      },
    },
  ];
}

/** The forwarder's configuration, checked by its own schema: the data port on the Pod's address, the scenario's buffer. */
export function forwarderConfig(input: DeployInput): ForwarderConfig {
  return forwarderConfigSchema.parse({
    // Every address of the Pod, and only inside it: the Pods of the node reach it through the Service.
    host: '0.0.0.0',
    dataPort: FORWARDER_DATA_PORT,
    controlPort: FORWARDER_CONTROL_PORT,
    maxEvents: input.logging.forwarder.maxEvents,
    whenFull: input.logging.forwarder.whenFull,
    sink: { mode: 'normal' },
  });
}
