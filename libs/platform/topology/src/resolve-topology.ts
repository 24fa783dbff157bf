import { join, resolve as resolvePath } from 'node:path';
import { readJsonFile } from './read-json-file.js';
import { appFor, builtInTopologyNames, processesWithoutApp, type TopologyCatalog } from './topology-catalog.js';
import { TopologySpec, unknownModules } from './topology-schema.js';

export interface ResolvedProcess {
  readonly name: string;
  readonly app: string;
  readonly modules: readonly string[];
  readonly host: string;
  /** Public API listener (`/v1/*`, `/healthz`, `/readyz`). */
  readonly port: number;
  readonly url: string;
  /**
   * Internal listener (module RPC, metrics, logger stats, profiler): loopback unless the
   * deployment's `internalHost` says otherwise, and always behind the deployment's secret.
   */
  readonly internalHost: string;
  readonly internalPort: number;
  readonly internalUrl: string;
  readonly databaseFile: string;
  readonly isEntry: boolean;
}

export interface ResolvedTopology {
  readonly name: string;
  readonly description: string;
  readonly processes: readonly ResolvedProcess[];
  readonly entry: ResolvedProcess;
  /** Internal URL of the process hosting each module. */
  readonly moduleUrls: Readonly<Record<string, string>>;
}

export interface ResolveOptions {
  /** Address every public listener binds to (default 127.0.0.1: loopback only). */
  host?: string;
  /**
   * Address every internal listener binds to (default 127.0.0.1), apart from `host` on purpose:
   * opening the public API to the network must not open the internal operations too.
   */
  internalHost?: string;
  /**
   * First public port. The entry process gets it in every topology (so one URL serves the
   * public API whatever the deployment); the others follow in file order. Internal ports are
   * the public ones + 100.
   */
  basePort?: number;
  /** Where each process keeps its database. */
  dataDir: string;
}

/**
 * Loads a topology by built-in name or from a JSON file, with errors naming the file and field. The
 * catalog (the caller's: platform knows no module) gives the built-ins, the modules a file may place,
 * the entry module (a topology that names no entry process gets the one hosting that module) and the
 * apps (a process that names no app gets the catalog's app for its modules).
 */
export function loadTopology(nameOrFile: string, catalog: TopologyCatalog): TopologySpec {
  const builtIn = catalog.builtIns.find((topology) => topology.name === nameOrFile);
  if (builtIn) return withApps(withEntry(builtIn, catalog), catalog);
  if (!nameOrFile.endsWith('.json')) {
    throw new Error(
      `unknown topology "${nameOrFile}": use one of ${builtInTopologyNames(catalog).join(', ')} or a .json file`,
    );
  }
  const schema = TopologySpec.superRefine((topology, ctx) => {
    for (const issue of [...unknownModules(topology, catalog.modules), ...processesWithoutApp(topology, catalog)]) {
      ctx.addIssue({ code: 'custom', ...issue });
    }
  });
  return withApps(withEntry(readJsonFile(resolvePath(nameOrFile), 'topology file', schema), catalog), catalog);
}

/** Names the entry process when the topology does not: the one hosting the entry module, if any. */
function withEntry(spec: TopologySpec, catalog: TopologyCatalog): TopologySpec {
  if (spec.entry) return spec;
  const entry = spec.processes.find((p) => p.modules.includes(catalog.entryModule))?.name;
  return entry ? { ...spec, entry } : spec;
}

/** Names the app of every process that does not: the catalog's app for its modules. */
function withApps(spec: TopologySpec, catalog: TopologyCatalog): TopologySpec {
  return { ...spec, processes: spec.processes.map((p) => ({ ...p, app: appFor(p, catalog) })) };
}

/**
 * Assigns addresses, ports and database files to every process of a topology loaded by `loadTopology`
 * (which names the app of every process).
 */
export function resolveTopology(spec: TopologySpec, options: ResolveOptions): ResolvedTopology {
  const host = options.host ?? '127.0.0.1';
  const internalHost = options.internalHost ?? '127.0.0.1';
  const basePort = options.basePort ?? 3000;
  const entryName = spec.entry ?? spec.processes[0]?.name;
  const portOrder = [...spec.processes].sort((a, b) => Number(b.name === entryName) - Number(a.name === entryName));
  const processes = spec.processes.map((process): ResolvedProcess => {
    const slot = portOrder.indexOf(process);
    const port = basePort + slot;
    const internalPort = basePort + 100 + slot;
    if (!process.app) {
      throw new Error(`process "${process.name}" of topology ${spec.name} names no app: load it with loadTopology`);
    }
    return {
      name: process.name,
      app: process.app,
      modules: process.modules,
      host,
      port,
      url: `http://${urlHost(host)}:${port}`,
      internalHost,
      internalPort,
      internalUrl: `http://${urlHost(internalHost)}:${internalPort}`,
      databaseFile: join(options.dataDir, `${process.name}.db`),
      isEntry: process.name === entryName,
    };
  });
  const entry = processes.find((p) => p.isEntry);
  if (!entry) throw new Error(`topology ${spec.name} has no entry process`);
  const moduleUrls: Record<string, string> = {};
  for (const process of processes) for (const module of process.modules) moduleUrls[module] = process.internalUrl;
  return { name: spec.name, description: spec.description ?? '', processes, entry, moduleUrls };
}

/** The address clients on this machine use for a bound host: a wildcard is reached through loopback. */
function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

/** True for an address only this machine can reach: 127.0.0.0/8, ::1, localhost. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  const v4 = bare.startsWith('::ffff:') ? bare.slice('::ffff:'.length) : bare;
  return /^127(\.\d{1,3}){3}$/.test(v4) || bare === '::1' || bare === 'localhost';
}
