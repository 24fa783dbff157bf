import { z } from 'zod';

/** The name of a process, a module or a topology. */
export const Name = z.string().regex(/^[a-z][a-z0-9-]*$/, 'lowercase letters, digits and dashes');
const name = Name;

export const ProcessSpec = z.object({
  name,
  /** The modules this process hosts: one, several, or all of them. */
  modules: z.array(name).min(1),
  /** The app (composition root) that runs it; default: the catalog's app for its modules (see `TopologyCatalog`). */
  app: name.optional(),
  /**
   * How many copies of the process a deployment that can run several (Kubernetes) runs; default 1. The local runtime
   * always runs one. Each copy keeps its own database, so only state that every copy seeds alike is shared.
   */
  replicas: z.number().int().min(1).max(100).optional(),
});

/** Which modules run together in which process: the only thing that differs between deployments. */
export const TopologySpec = z
  .object({
    name,
    description: z.string().optional(),
    processes: z.array(ProcessSpec).min(1),
    /** The process that serves the whole public API; default: the one hosting the catalog's entry module. */
    entry: name.optional(),
  })
  .superRefine((topology, ctx) => {
    const seenProcesses = new Set<string>();
    const hostOf = new Map<string, string>();
    topology.processes.forEach((process, i) => {
      if (seenProcesses.has(process.name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['processes', i, 'name'],
          message: `duplicate process "${process.name}"`,
        });
      }
      seenProcesses.add(process.name);
      process.modules.forEach((module, j) => {
        const other = hostOf.get(module);
        if (other) {
          ctx.addIssue({
            code: 'custom',
            path: ['processes', i, 'modules', j],
            message: `module "${module}" is already hosted by process "${other}"`,
          });
        }
        hostOf.set(module, process.name);
      });
    });
    if (topology.entry && !seenProcesses.has(topology.entry)) {
      ctx.addIssue({
        code: 'custom',
        path: ['entry'],
        message: `entry "${topology.entry}" is not a process of this topology`,
      });
    }
  });
export type TopologySpec = z.infer<typeof TopologySpec>;
export type ProcessSpec = z.infer<typeof ProcessSpec>;

/** Where a topology places a module the catalog does not know, as issues naming the field. */
export function unknownModules(
  topology: TopologySpec,
  modules: readonly string[],
): { path: (string | number)[]; message: string }[] {
  return topology.processes.flatMap((process, i) =>
    process.modules.flatMap((module, j) =>
      modules.includes(module)
        ? []
        : [
            {
              path: ['processes', i, 'modules', j],
              message: `unknown module "${module}": the modules are ${modules.join(', ')}`,
            },
          ],
    ),
  );
}
