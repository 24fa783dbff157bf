import { resolve as resolvePath } from 'node:path';
import { z } from 'zod';
import { readJsonFile } from './read-json-file.js';
import { Name, TopologySpec, unknownModules } from './topology-schema.js';

/**
 * What a system declares about its own deployments: its modules, the module that serves the public
 * API, and the topologies known by name. Platform knows none of them: the system keeps them as data
 * (a JSON file of its own) and whoever starts it hands them to `loadTopology`.
 */
export const TopologyCatalog = z
  .object({
    /** Every module a topology may place. */
    modules: z.array(Name).min(1),
    /** A topology that names no `entry` serves the public API from the process hosting this module. */
    entryModule: Name,
    /** The topologies known by name (`--topology <name>`); any other partition is a file. */
    builtIns: z.array(TopologySpec).min(1),
  })
  .superRefine((catalog, ctx) => {
    if (!catalog.modules.includes(catalog.entryModule)) {
      const message = `"${catalog.entryModule}" is not one of the modules`;
      ctx.addIssue({ code: 'custom', path: ['entryModule'], message });
    }
    const seen = new Set<string>();
    catalog.builtIns.forEach((topology, i) => {
      if (seen.has(topology.name)) {
        const message = `duplicate topology "${topology.name}"`;
        ctx.addIssue({ code: 'custom', path: ['builtIns', i, 'name'], message });
      }
      seen.add(topology.name);
      for (const issue of unknownModules(topology, catalog.modules)) {
        ctx.addIssue({ code: 'custom', path: ['builtIns', i, ...issue.path], message: issue.message });
      }
    });
  });
export type TopologyCatalog = z.infer<typeof TopologyCatalog>;

/** Reads and validates a catalog file, with errors naming the file and field. */
export function loadTopologyCatalog(file: string): TopologyCatalog {
  return readJsonFile(resolvePath(file), 'topology catalog', TopologyCatalog);
}

/** The names `--topology` accepts besides a file, in the catalog's order. */
export function builtInTopologyNames(catalog: TopologyCatalog): string[] {
  return catalog.builtIns.map((topology) => topology.name);
}
