import { stringify } from 'yaml';
import { configHash, configData, configMapObject, namespaceObject, secretObject } from './config-objects.js';
import { DeployOptions, KubeName, type DeployInput } from './deploy-input.js';
import { FORWARDER_COMPONENT, forwarderObjects } from './forwarder-objects.js';
import type { KubeObject } from './kube-object.js';
import { kubernetesTargets } from './k8s-targets.js';
import { loadWorkerObjects } from './load-worker-objects.js';
import { processObjectName } from './names.js';
import { processObjects } from './process-objects.js';
import type { Targets } from './targets-schema.js';
import { validateObjects } from './validate-objects.js';

/** One file of the output, relative to the output directory. */
export interface OutputFile {
  readonly path: string;
  readonly text: string;
  /** Holds secret values: written readable by its owner only, and never to be committed. */
  readonly secret: boolean;
}

export interface KubernetesDeployment {
  readonly objects: readonly KubeObject[];
  readonly targets: Targets;
  /** `manifests/` (for `kubectl apply -f`, numbered so the namespace comes first) and `targets.yaml` beside it. */
  readonly files: readonly OutputFile[];
}

/**
 * The Kubernetes deployment of a topology: a namespace, the Secret, the ConfigMap, the node-level log-forwarder, and
 * a Deployment and a Service per process, and (with `loadWorkers`) the load generator workers; every object checked against the Kubernetes schemas before it is returned.
 */
export function kubernetesDeployment(input: DeployInput): KubernetesDeployment {
  const checked = { ...input, options: DeployOptions.parse(input.options) };
  checkNames(checked);
  const hash = configHash(configData(checked));
  const groups: { path: string; objects: KubeObject[]; secret?: boolean }[] = [
    { path: 'manifests/00-namespace.yaml', objects: [namespaceObject(checked)] },
    { path: 'manifests/10-secret.yaml', objects: [secretObject(checked)], secret: true },
    { path: 'manifests/20-config.yaml', objects: [configMapObject(checked)] },
    { path: 'manifests/30-log-forwarder.yaml', objects: forwarderObjects(checked) },
    ...checked.topology.processes.map((process) => ({
      path: `manifests/40-${process.name}.yaml`,
      objects: processObjects(checked, process, hash),
    })),
    ...(checked.options.loadWorkers > 0
      ? [{ path: 'manifests/50-load-workers.yaml', objects: loadWorkerObjects(checked) }]
      : []),
  ];
  const objects = groups.flatMap((group) => group.objects);
  validateObjects(objects);
  const targets = kubernetesTargets(checked);
  return {
    objects,
    targets,
    files: [
      ...groups.map((group) => ({ path: group.path, text: toYaml(group.objects), secret: group.secret ?? false })),
      { path: 'targets.yaml', text: toYaml([targets]), secret: false },
    ],
  };
}

/** YAML documents, one per object: no line folding (the JSON configurations stay on one line each), no aliases. */
export function toYaml(documents: readonly object[]): string {
  return documents.map((document) => stringify(document, { lineWidth: 0, aliasDuplicateObjects: false })).join('---\n');
}

/** Every process must give valid object names that clash with nothing generated beside them. */
function checkNames(input: DeployInput): void {
  for (const process of input.topology.processes) {
    const name = processObjectName(process.name);
    if (!KubeName.safeParse(name).success)
      throw new Error(`process "${process.name}": "${name}" is not a valid Kubernetes name (at most 63 characters)`);
    if (process.name === FORWARDER_COMPONENT)
      throw new Error(`process "${process.name}": the name is the log-forwarder's; rename the process`);
  }
}
