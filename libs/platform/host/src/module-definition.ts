import type { Contract, ContractApi, ContractImplementation } from '@paybench/platform-contract';
import type { Logger } from '@paybench/platform-logging';
import type { Fallbacks } from '@paybench/platform-resilience';
import type { Database } from '@paybench/platform-storage';
import type { z } from 'zod';

/**
 * Deployment-wide settings: the same bag reaches every process, whichever modules it hosts (seed,
 * population size, secrets, files). A module does not read the bag: it declares the keys it reads
 * (`ModuleDefinition.settings`) and receives those, parsed (see module-settings.ts).
 */
export type Settings = Readonly<Record<string, string | number | boolean>>;

/** The keys a module reads from the deployment's settings, with their types and defaults. */
export type SettingsSchema = z.ZodObject;

/** The settings schema of a module that reads none. */
export type NoSettings = z.ZodObject<Record<never, never>>;

export type DependencyApis<D extends Record<string, Contract>> = { readonly [K in keyof D]: ContractApi<D[K]> };

export interface ModuleContext<D extends Record<string, Contract>, S = Record<never, never>> {
  /** The process's database: shared by all modules of a monolith, private to a microservice. */
  readonly db: Database;
  /** A child of the process logger with `module` set. Log one line per flow step. */
  readonly logger: Logger;
  /** The module's dependencies, each bound in-process or remotely: the module cannot tell. */
  readonly deps: DependencyApis<D>;
  /** The module's own settings, parsed from the deployment's with its `settings` schema. */
  readonly settings: S;
  /**
   * Whether the deployment's resilience preset wants the fallbacks the module's configuration declares
   * taken when a dependency fails (in any binding), and where to count one.
   */
  readonly fallbacks: Fallbacks;
}

/**
 * A payments module as the host sees it: its contract, the contracts it calls, the settings it
 * reads, and a factory that creates its tables, seeds its data and returns the implementation of
 * its contract.
 */
export interface ModuleDefinition<
  C extends Contract = Contract,
  D extends Record<string, Contract> = Record<string, Contract>,
  S extends SettingsSchema = SettingsSchema,
> {
  readonly name: string;
  readonly contract: C;
  readonly dependencies: D;
  /** The keys it reads from the deployment's settings; a module that reads none leaves it out. */
  readonly settings?: S;
  create(context: ModuleContext<D, z.output<S>>): ContractImplementation<C> | Promise<ContractImplementation<C>>;
}

export function defineModule<
  C extends Contract,
  const D extends Record<string, Contract>,
  S extends SettingsSchema = NoSettings,
>(definition: ModuleDefinition<C, D, S>): ModuleDefinition<C, D, S> {
  if (definition.name !== definition.contract.name) {
    throw new Error(`module "${definition.name}" must carry its own contract (got "${definition.contract.name}")`);
  }
  for (const [key, dep] of Object.entries(definition.dependencies)) {
    if (key !== dep.name)
      throw new Error(`module "${definition.name}": dependency key "${key}" must equal contract name "${dep.name}"`);
  }
  return definition;
}
