// The Pod and container skeleton every workload of the deployment shares (processes, the log-forwarder, the load
// workers): written once, so that their hardening and their conventions cannot drift apart.
import type { Resources } from './deploy-input.js';
import { IMAGE_WORKDIR, NODE_UID } from './names.js';

/** What sets one Pod apart; the fields keep the order they have in the spec (and in the YAML). */
export interface PodParts {
  /** Fields that come first (a Job's subdomain and restart policy). */
  readonly lead?: Readonly<Record<string, unknown>>;
  readonly terminationGracePeriodSeconds?: number;
  /** The Pod's volumes belong to its group (a database on an emptyDir the app writes). */
  readonly fsGroup?: boolean;
  readonly containers: readonly object[];
  readonly volumes?: readonly object[];
}

/**
 * A Pod spec: no API token mounted and no Service variables in the environment (the Pods need neither), run as the
 * image's unprivileged node user under the runtime's default seccomp profile.
 */
export function podSpec(parts: PodParts): Record<string, unknown> {
  return {
    ...parts.lead,
    automountServiceAccountToken: false,
    enableServiceLinks: false,
    ...(parts.terminationGracePeriodSeconds !== undefined && {
      terminationGracePeriodSeconds: parts.terminationGracePeriodSeconds,
    }),
    securityContext: {
      runAsNonRoot: true,
      runAsUser: NODE_UID,
      runAsGroup: NODE_UID,
      ...(parts.fsGroup && { fsGroup: NODE_UID }),
      seccompProfile: { type: 'RuntimeDefault' },
    },
    containers: parts.containers,
    ...(parts.volumes && { volumes: parts.volumes }),
  };
}

/** What sets one container apart; the fields keep the order they have in the spec (and in the YAML). */
export interface ContainerParts {
  readonly name: string;
  readonly image: string;
  readonly command: readonly string[];
  readonly ports: readonly object[];
  readonly env: readonly object[];
  /** startupProbe, readinessProbe, livenessProbe: those it has, in that order. */
  readonly probes: Readonly<Record<string, object>>;
  readonly resources: Resources;
  readonly volumeMounts?: readonly object[];
}

/**
 * A container of the paybench image, started in its workspace: its requests equal its limits (the Pod is in the
 * Guaranteed QoS class, so what else a node runs matters less), and it can neither gain privileges nor write outside
 * its volumes.
 */
export function imageContainer(parts: ContainerParts): Record<string, unknown> {
  return {
    name: parts.name,
    image: parts.image,
    imagePullPolicy: 'IfNotPresent',
    workingDir: IMAGE_WORKDIR,
    command: parts.command,
    ports: parts.ports,
    env: parts.env,
    ...parts.probes,
    resources: { requests: { ...parts.resources }, limits: { ...parts.resources } },
    securityContext: {
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    },
    ...(parts.volumeMounts && { volumeMounts: parts.volumeMounts }),
  };
}
