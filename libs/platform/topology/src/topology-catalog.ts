import { resolve as resolvePath } from 'node:path';
import { z } from 'zod';
import { readJsonFile } from './read-json-file.js';
import { Name, TopologySpec, unknownModules, type ProcessSpec } from './topology-schema.js';

/**
 * What a system declares about its own deployments: its modules, the module that serves the public
 * API, the apps that can run a process, and the topologies known by name. Platform knows none of them:
 * the system keeps them as data (a JSON file of its own) and whoever starts it hands them to `loadTopology`.
 */
export const TopologyCatalog = z
  .object({
    /** Every module a topology may place. */
    modules: z.array(Name).min(1),
    /** A topology that names no `entry` serves the public API from the process hosting this module. */
    entryModule: Name,
    /**
     * The apps (composition roots) by name, each with the modules it can host. A process that names no
     * `app` runs on the app hosting exactly its modules, else on the one app that can host them all.
     */
    apps: z.record(Name, z.array(Name).min(1)),
    /** The topologies known by name (`--topology <name>`); any other partition is a file. */
    builtIns: z.array(TopologySpec).min(1),
  })
  .superRefine((catalog, ctx) => {
    if (!catalog.modules.includes(catalog.entryModule)) {
      const message = `"${catalog.entryModule}" is not one of the modules`;
      ctx.addIssue({ code: 'custom', path: ['entryModule'], message });
    }
    for (const issue of badApps(catalog)) ctx.addIssue({ code: 'custom', ...issue });
    const seen = new Set<string>();
    catalog.builtIns.forEach((topology, i) => {
      if (seen.has(topology.name)) {
        const message = `duplicate topology "${topology.name}"`;
        ctx.addIssue({ code: 'custom', path: ['builtIns', i, 'name'], message });
      }
      seen.add(topology.name);
      for (const issue of [...unknownModules(topology, catalog.modules), ...processesWithoutApp(topology, catalog)]) {
        ctx.addIssue({ code: 'custom', path: ['builtIns', i, ...issue.path], message: issue.message });
      }
    });
  });
export type TopologyCatalog = z.infer<typeof TopologyCatalog>;

type Issue = { path: (string | number)[]; message: string };

/** Apps that host a module the catalog does not know, a module twice, or the same modules as another app. */
function badApps(catalog: TopologyCatalog): Issue[] {
  const issues: Issue[] = [];
  const bySet = new Map<string, string>();
  for (const [app, modules] of Object.entries(catalog.apps)) {
    modules.forEach((module, j) => {
      if (!catalog.modules.includes(module)) {
        const message = `unknown module "${module}": the modules are ${catalog.modules.join(', ')}`;
        issues.push({ path: ['apps', app, j], message });
      } else if (modules.indexOf(module) !== j) {
        issues.push({ path: ['apps', app, j], message: `module "${module}" is listed twice` });
      }
    });
    const key = [...new Set(modules)].sort().join(',');
    const same = bySet.get(key);
    if (same) issues.push({ path: ['apps', app], message: `hosts the same modules as app "${same}"` });
    else bySet.set(key, app);
  }
  return issues;
}

/** The processes of a topology that name no app and that no app of the catalog can run, as issues. */
export function processesWithoutApp(topology: TopologySpec, catalog: TopologyCatalog): Issue[] {
  return topology.processes.flatMap((process, i) => {
    if (process.app || !process.modules.every((m) => catalog.modules.includes(m))) return [];
    const found = findApp(process, catalog);
    return typeof found === 'string' ? [] : [{ path: ['processes', i], message: found.problem }];
  });
}

/**
 * The app (composition root) that runs a process: its own `app` if it names one; otherwise the
 * catalog's app hosting exactly its modules, else the one app that can host them all.
 */
export function appFor(process: ProcessSpec, catalog: TopologyCatalog): string {
  const found = findApp(process, catalog);
  if (typeof found === 'string') return found;
  throw new Error(found.problem);
}

function findApp(process: ProcessSpec, catalog: TopologyCatalog): string | { problem: string } {
  if (process.app) return process.app;
  const wanted = new Set(process.modules);
  const hostsAll = Object.entries(catalog.apps).filter(([, modules]) =>
    process.modules.every((m) => modules.includes(m)),
  );
  const exact = hostsAll.find(([, modules]) => new Set(modules).size === wanted.size);
  if (exact) return exact[0];
  if (hostsAll.length === 1 && hostsAll[0]) return hostsAll[0][0];
  const subject = `process "${process.name}" (modules ${process.modules.join(', ')})`;
  const apps = Object.entries(catalog.apps).map(([app, modules]) => `${app} (${modules.join(', ')})`);
  const problem =
    hostsAll.length === 0
      ? `no app can host ${subject}: the apps are ${apps.join(', ') || 'none'}`
      : `${hostsAll.length} apps can host ${subject} and none exactly those: ${hostsAll.map(([a]) => a).join(', ')}`;
  return { problem: `${problem}; split the process or name its "app"` };
}

/** Reads and validates a catalog file, with errors naming the file and field. */
export function loadTopologyCatalog(file: string): TopologyCatalog {
  return readJsonFile(resolvePath(file), 'topology catalog', TopologyCatalog);
}

/** The names `--topology` accepts besides a file, in the catalog's order. */
export function builtInTopologyNames(catalog: TopologyCatalog): string[] {
  return catalog.builtIns.map((topology) => topology.name);
}
