import { DaemonSet } from 'kubernetes-models/apps/v1/DaemonSet';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import type { KubeObject } from './kube-object.js';

/** The kinds a deployment is made of, each with its model from kubernetes-models (the Kubernetes OpenAPI schemas). */
const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  'apps/v1 Deployment': Deployment,
  'apps/v1 DaemonSet': DaemonSet,
  'batch/v1 Job': Job,
  'v1 Service': Service,
  'v1 ConfigMap': ConfigMap,
  'v1 Secret': Secret,
  'v1 Namespace': Namespace,
};

/**
 * Checks every object against the Kubernetes schema of its kind (no cluster needed): a missing required field (a
 * probe without a port), a wrong type or an unknown kind throws, naming the object and the field.
 */
export function validateObjects(objects: readonly KubeObject[]): void {
  for (const object of objects) {
    const subject = `${object.kind} ${object.metadata.name}`;
    const Model = MODELS[`${object.apiVersion} ${object.kind}`];
    if (!Model) throw new Error(`${subject}: no Kubernetes schema known for ${object.apiVersion} ${object.kind}`);
    try {
      new Model(structuredClone(object) as never).validate();
    } catch (error) {
      throw new Error(`${subject} is not a valid Kubernetes object: ${(error as Error).message}`, { cause: error });
    }
  }
}
