import { TOPOLOGIES_FILE } from '@paybench/payments-dataset';
import { loadTopology, loadTopologyCatalog } from '@paybench/platform-topology';

/** A mistake in what to profile: the command exits with the usage code and this message. */
export class ProfileSelectionError extends Error {
  override readonly name = 'ProfileSelectionError';
}

export interface ProcessSelection {
  /** Process names (every name must exist in every selected topology). */
  readonly processes?: readonly string[];
  /** The module whose hosting process to profile, in each topology. */
  readonly module?: string;
}

/**
 * The processes to profile in each topology: those named, the one hosting a module, or (when
 * `single` is false and nothing is named) all of them. `single` (clinic tools) requires exactly
 * one per topology. Errors list what is valid.
 */
export function selectProcesses(
  topologies: readonly string[],
  selection: ProcessSelection,
  options: { single: boolean },
): Record<string, string[]> {
  if (selection.processes?.length && selection.module)
    throw new ProfileSelectionError('choose processes with --process or --module, not both');
  const catalog = loadTopologyCatalog(TOPOLOGIES_FILE);
  if (selection.module && !catalog.modules.includes(selection.module)) {
    throw new ProfileSelectionError(
      `unknown module "${selection.module}": the modules are ${catalog.modules.join(', ')}`,
    );
  }
  const chosen: Record<string, string[]> = {};
  for (const name of topologies) {
    let spec;
    try {
      spec = loadTopology(name, catalog);
    } catch (error) {
      throw new ProfileSelectionError((error as Error).message);
    }
    const names = spec.processes.map((p) => p.name);
    const describe = () =>
      `topology ${spec.name} has processes ${spec.processes.map((p) => `${p.name} (${p.modules.join(', ')})`).join(', ')}`;
    let picked: string[];
    if (selection.module) {
      const host = spec.processes.find((p) => p.modules.includes(selection.module as string));
      if (!host)
        throw new ProfileSelectionError(
          `no process of topology ${spec.name} hosts module "${selection.module}": ${describe()}`,
        );
      picked = [host.name];
    } else if (selection.processes?.length) {
      const unknown = selection.processes.filter((p) => !names.includes(p));
      if (unknown.length > 0)
        throw new ProfileSelectionError(
          `no process ${unknown.map((p) => `"${p}"`).join(', ')} in topology ${spec.name}: ${describe()}; or use --module <module> to pick the process hosting a module in each topology`,
        );
      picked = [...new Set(selection.processes)];
    } else if (options.single) {
      throw new ProfileSelectionError(
        `a clinic tool profiles one process per topology: choose it with --process <name> or --module <module> (${describe()})`,
      );
    } else {
      picked = names;
    }
    if (options.single && picked.length !== 1)
      throw new ProfileSelectionError(
        `a clinic tool profiles one process per topology, not ${picked.length} (${picked.join(', ')})`,
      );
    chosen[name] = picked;
  }
  return chosen;
}
