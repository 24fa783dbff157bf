import type { Contract, ContractApi, ContractImplementation } from '@paybench/platform-contract';
import type { Logger } from '@paybench/platform-logging';
import type { Database } from '@paybench/platform-storage';

/** Deployment-wide settings every process receives (seed, population size, secrets, files). */
export type Settings = Readonly<Record<string, string | number | boolean>>;

export type DependencyApis<D extends Record<string, Contract>> = { readonly [K in keyof D]: ContractApi<D[K]> };

export interface ModuleContext<D extends Record<string, Contract>> {
  /** The process's database: shared by all modules of a monolith, private to a microservice. */
  readonly db: Database;
  /** A child of the process logger with `module` set. Log one line per flow step. */
  readonly logger: Logger;
  /** The module's dependencies, each bound in-process or remotely: the module cannot tell. */
  readonly deps: DependencyApis<D>;
  readonly settings: Settings;
}

/**
 * A payments module as the host sees it: its contract, the contracts it calls, and a factory
 * that creates its tables, seeds its data and returns the implementation of its contract.
 */
export interface ModuleDefinition<C extends Contract = Contract, D extends Record<string, Contract> = Record<string, Contract>> {
  readonly name: string;
  readonly contract: C;
  readonly dependencies: D;
  create(context: ModuleContext<D>): ContractImplementation<C> | Promise<ContractImplementation<C>>;
}

export function defineModule<C extends Contract, const D extends Record<string, Contract>>(
  definition: ModuleDefinition<C, D>,
): ModuleDefinition<C, D> {
  if (definition.name !== definition.contract.name) {
    throw new Error(`module "${definition.name}" must carry its own contract (got "${definition.contract.name}")`);
  }
  for (const [key, dep] of Object.entries(definition.dependencies)) {
    if (key !== dep.name) throw new Error(`module "${definition.name}": dependency key "${key}" must equal contract name "${dep.name}"`);
  }
  return definition;
}
