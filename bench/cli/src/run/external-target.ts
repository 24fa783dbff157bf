import { parseTargets, type Targets } from '@paybench/bench-deploy';
import { ForwarderClient } from '@paybench/platform-log-forwarder';
import {
  hostOfModule,
  inProcessNote,
  linkName,
  placeLinks,
  putModuleFaults,
  type ModuleLink,
  type RunningTopology,
} from '@paybench/platform-runtime';
import type { ResolvedProcess, ResolvedTopology } from '@paybench/platform-topology';
import { readFileSync } from 'node:fs';
import { request } from 'undici';
import { fetchSample } from './sampler.js';
import { resolveCredential } from './target-credentials.js';

/** A targets file read and its credentials resolved: what `run --target` drives. */
export interface ExternalTarget {
  readonly file: string;
  readonly targets: Targets;
  /** Headers of every call to an internal listener (the deployment's secret); never written anywhere. */
  readonly internalHeaders: Readonly<Record<string, string>>;
  readonly forwarderHeaders: Readonly<Record<string, string>>;
  /** The consumer tokens' signing secret, for the load generator. */
  readonly authSecret: string;
}

/** Reads a targets file; a file it cannot read or parse, or a bad field, throws naming the file (and the field). */
export function readTarget(file: string): ExternalTarget {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read targets file ${file}: ${(error as Error).message}`, { cause: error });
  }
  const targets = parseTargets(text, file);
  const internal = resolveCredential(targets.internal.credential, 'internal.credential', file);
  const auth = resolveCredential(targets.tokenSecret, 'tokenSecret', file);
  if (auth === null) throw new Error(`targets file ${file}: tokenSecret: the load generator needs it to sign tokens`);
  const forwarder = targets.forwarder && resolveCredential(targets.forwarder.credential, 'forwarder.credential', file);
  const header = targets.internal.header;
  return {
    file,
    targets,
    internalHeaders: internal === null ? {} : { [header]: internal },
    forwarderHeaders: forwarder ? { [header]: forwarder } : {},
    authSecret: auth,
  };
}

/** The origin of a process's internal listener: stated, or that of its metrics URL. */
function internalOrigin(process: Targets['processes'][number]): string {
  return process.internalUrl ?? new URL(process.metricsUrl).origin;
}

/**
 * Checks, before any cell, that the target answers where its file says: the entry's `/readyz`, every process's
 * `/stats/sample` with the credential, the forwarder's `/stats`. Throws naming the first URL that does not.
 */
export async function checkReachable(target: ExternalTarget): Promise<void> {
  const { targets } = target;
  const get = async (url: string, headers: Record<string, string> = {}) => {
    try {
      const reply = await request(url, { headers, signal: AbortSignal.timeout(5_000) });
      await reply.body.dump();
      return reply.statusCode === 200 ? null : `it answered HTTP ${reply.statusCode}`;
    } catch (error) {
      return (error as Error).message;
    }
  };
  const say = (url: string, why: string) =>
    new Error(`target ${target.file}: ${url} is unreachable or refused the call (${why})`);
  const entry = `${targets.entryUrl}/readyz`;
  const entryProblem = await get(entry);
  if (entryProblem) throw say(entry, entryProblem);
  for (const process of targets.processes) {
    const url = `${internalOrigin(process)}/stats/sample`;
    if (!(await fetchSample(internalOrigin(process), target.internalHeaders)))
      throw say(url, 'no sample within 500 ms; wrong internal credential?');
  }
  if (targets.forwarder) {
    const url = `${targets.forwarder.controlUrl}/stats`;
    const problem = await get(url, { ...target.forwarderHeaders });
    if (problem)
      throw say(url, `${problem}${targets.forwarder.reach ? `; reach it with: ${targets.forwarder.reach}` : ''}`);
  }
}

/**
 * The target as the runner's stages see a topology it started: no supervisor, so nothing to start or stop. `links`
 * are the scenario's: one inside a process of the target has no wire to fault (as locally); the others were refused.
 */
export function connectTarget(target: ExternalTarget, links: readonly ModuleLink[] = []): RunningTopology {
  const { targets } = target;
  const topology = resolvedTopology(targets);
  const placed = placeLinks(topology, links);
  const client = targets.forwarder
    ? new ForwarderClient(targets.forwarder.controlUrl, { headers: { ...target.forwarderHeaders } })
    : undefined;
  const notHere = (what: string) => () => {
    throw new Error(`${what} needs the supervisor of the target, which the runner does not drive`);
  };
  return {
    topology,
    // No child of ours: the sampler reads CPU and RSS from the processes' own /stats/sample.
    processes: new Map(),
    forwarder: client
      ? {
          kind: targets.logging?.forwarder.kind ?? 'builtin',
          dataPort: 0,
          framing: 'ndjson',
          controlPort: 0,
          client,
          pid: undefined,
          exited: undefined,
          stderr: () => '',
          stop: () => client.close(),
        }
      : undefined,
    async setLogOptions(options) {
      if (options.driverMode) notHere('changing the log drivers')();
      if (options.forwarder) {
        if (!client) throw new Error(`the target ${target.file} names no forwarder`);
        await client.setConfig(options.forwarder);
      }
    },
    driverStats: () => ({}),
    setLinkToxics(from, to) {
      const link = placed.find((p) => linkName(p.link) === linkName({ from, to }));
      if (link?.kind !== 'in-process') return notHere('a link fault between processes')();
      return 'in-process';
    },
    linkNotes: () => inProcessNote(topology.name, placed),
    linkStats: () => [],
    async setModuleFaults(module, faults) {
      const host = hostOfModule(topology, module);
      await putModuleFaults(host, module, faults, target.internalHeaders);
      return { process: host.name, applied: true };
    },
    crashModule: notHere('a crash fault'),
    crashes: () => [],
    logAccounting: notHere('the log accounting'),
    internalHeaders: () => ({ ...target.internalHeaders }),
    restart: notHere('a restart'),
    async stop() {
      await client?.close();
      return {};
    },
  };
}

/** The topology the way the stages read it: names, modules and URLs; no ports or files of ours. */
function resolvedTopology(targets: Targets): ResolvedTopology {
  const entryName =
    targets.processes.find((p) => p.modules.includes('checkout'))?.name ?? targets.processes[0]?.name ?? '';
  const processes: ResolvedProcess[] = targets.processes.map((p) => {
    const internalUrl = internalOrigin(p);
    const isEntry = p.name === entryName;
    const url = isEntry ? targets.entryUrl : (p.publicUrl ?? targets.entryUrl);
    return {
      name: p.name,
      app: '(external)',
      modules: p.modules,
      host: new URL(url).hostname,
      port: Number(new URL(url).port),
      url,
      internalHost: new URL(internalUrl).hostname,
      internalPort: Number(new URL(internalUrl).port),
      internalUrl,
      // Not ours to read: the reconciliation is skipped on a target (see reconcile-cell.ts).
      databaseFile: '',
      isEntry,
    };
  });
  const entry = processes.find((p) => p.isEntry) as ResolvedProcess;
  const moduleUrls = Object.fromEntries(processes.flatMap((p) => p.modules.map((m) => [m, p.internalUrl])));
  return { name: targets.topology, description: targets.description, processes, entry, moduleUrls };
}
