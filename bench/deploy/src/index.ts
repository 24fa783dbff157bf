// Deploy layer: the Kubernetes deployment of a topology (manifests and the targets file that drives it), as data and
// YAML text. It reads the inputs (topologies, scenarios' logging configurations); only the command line writes files.
export { DeployOptions, KubeName, Resources, type DeployInput } from './deploy-input.js';
export { deployInputFrom } from './input-from-scenario.js';
export { kubernetesDeployment, toYaml, type KubernetesDeployment, type OutputFile } from './kubernetes-deployment.js';
export type { KubeObject } from './kube-object.js';
export { validateObjects } from './validate-objects.js';
export { LOAD_WORKER_PORT, loadWorkerAddresses } from './load-worker-objects.js';
export { CredentialRef, TargetFault, Targets, parseTargets } from './targets-schema.js';
export { SECRET_KEYS, SECRET_NAME } from './names.js';
