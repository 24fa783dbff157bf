import {
  ModuleFaultsBody,
  type InProcessModuleFaultInput,
  type ResolvedProcess,
  type ResolvedTopology,
} from '@paybench/platform-topology';
import { request } from 'undici';

/**
 * A deliberate SIGKILL of the process hosting a module (a scenario's `crash` fault), and what followed;
 * times are epoch milliseconds. Not an unexpected exit: the runner records it as an event and a note.
 */
export interface CrashRecord {
  /** The process killed, and the module the fault named (whatever else the process hosts went down too). */
  readonly process: string;
  readonly module: string;
  readonly killedAt: number;
  /** The delay before the supervisor starts it again; null: it stays down. */
  readonly restartAfterMs: number | null;
  /** When the new life was spawned, and when both its listeners answered as the process started (null: not yet, or never). */
  restartedAt: number | null;
  readyAt: number | null;
  /** Why the restart failed (it did not become ready, or could not spawn); null otherwise. */
  error: string | null;
}

/** How a crash's restart ended: ready, failed (see the record's `error`), or cancelled by the topology stopping first. */
export type RestartOutcome = 'ready' | 'failed' | 'cancelled';

/** A crash in progress: its record, and its restart (null when none was asked for); `restarted` never rejects. */
export interface CrashHandle {
  readonly record: CrashRecord;
  readonly restarted: Promise<RestartOutcome> | null;
}

/** The process of the topology that hosts `module`; an unknown module throws, naming the topology's. */
export function hostOfModule(topology: ResolvedTopology, module: string): ResolvedProcess {
  const host = topology.processes.find((p) => p.modules.includes(module));
  if (host) return host;
  const modules = topology.processes.flatMap((p) => p.modules).join(', ');
  throw new Error(`no process of topology ${topology.name} hosts module "${module}" (it hosts ${modules})`);
}

/**
 * Sets one module's in-process faults (latency, errors, block, cpuHog; `[]` lifts them) on the process hosting
 * it, through that process's internal listener (`PUT /faults/modules/<module>`, behind the deployment's
 * secret). Validated here first, so a bad fault fails with the field's name before anything is sent.
 */
export async function putModuleFaults(
  host: ResolvedProcess,
  module: string,
  faults: readonly InProcessModuleFaultInput[],
  internalHeaders: Readonly<Record<string, string>>,
): Promise<void> {
  const body = ModuleFaultsBody.parse({ faults });
  const reply = await request(`${host.internalUrl}/faults/modules/${encodeURIComponent(module)}`, {
    method: 'PUT',
    headers: { ...internalHeaders, 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(5_000),
  });
  const text = await reply.body.text();
  if (reply.statusCode !== 200)
    throw new Error(`process ${host.name} refused the faults of module ${module}: HTTP ${reply.statusCode} ${text}`);
}
