import { bindLocal, type Contract, type ContractApi } from '@paybench/platform-contract';
import type { Logger } from '@paybench/platform-logging';
import { NO_FALLBACKS, type Fallbacks } from '@paybench/platform-resilience';
import type { Database } from '@paybench/platform-storage';
import type { ModuleDefinition, Settings } from './module-definition.js';
import type { ModuleFaultInjector } from './module-faults/index.js';
import { readModuleSettings } from './module-settings.js';

export interface ComposeOptions {
  /** Every module definition linked into this process. */
  readonly modules: readonly ModuleDefinition[];
  /** The names of the modules this process hosts (a subset of `modules`). */
  readonly hosted: readonly string[];
  /** Binds a module this process does not host (an HTTP client in a distributed topology). */
  readonly remote?: (contract: Contract) => ContractApi<Contract>;
  /**
   * Binds a hosted module as another hosted module calls it (the resilience preset's policies, see
   * local-binding.ts); the in-process API itself when left out. Routes and the RPC listener get the API unwrapped.
   */
  readonly local?: (contract: Contract, api: ContractApi<Contract>) => ContractApi<Contract>;
  readonly db: Database;
  readonly logger: Logger;
  /** The deployment's settings: each module receives the keys it declares (see module-settings.ts). */
  readonly settings: Settings;
  /**
   * Puts each hosted module's API behind its faults (see module-fault-injector.ts): the one object that
   * in-process callers and the RPC route both use, so every binding sees a fault.
   */
  readonly faults?: ModuleFaultInjector;
  /** Passed to every module (see ModuleContext.fallbacks); off when left out. */
  readonly fallbacks?: Fallbacks;
}

export type ComposedApis = ReadonlyMap<string, ContractApi<Contract>>;

/**
 * Instantiates the hosted modules in dependency order and wires each dependency either to the
 * in-process implementation (when hosted here) or to `remote` (when hosted elsewhere). This
 * one function is what makes the topology configuration: the modules never know which.
 */
export async function composeModules(options: ComposeOptions): Promise<ComposedApis> {
  const byName = new Map(options.modules.map((m) => [m.name, m]));
  for (const name of options.hosted) {
    if (!byName.has(name)) {
      throw new Error(
        `this process is asked to host module "${name}" but only links: ${[...byName.keys()].join(', ') || '(none)'}`,
      );
    }
  }
  const hosted = new Set(options.hosted);
  const apis = new Map<string, ContractApi<Contract>>();
  const visiting: string[] = [];

  const resolve = async (name: string): Promise<ContractApi<Contract>> => {
    const existing = apis.get(name);
    if (existing) return existing;
    if (visiting.includes(name)) throw new Error(`module dependency cycle: ${[...visiting, name].join(' -> ')}`);
    const definition = byName.get(name);
    if (!definition) throw new Error(`unknown module "${name}"`);
    visiting.push(name);
    const settings = readModuleSettings(name, definition.settings, options.settings);
    const deps: Record<string, ContractApi<Contract>> = {};
    for (const [depName, contract] of Object.entries(definition.dependencies)) {
      deps[depName] = hosted.has(depName) ? bindHosted(contract, await resolve(depName)) : bindRemote(contract, name);
    }
    const implementation = await definition.create({
      db: options.db,
      logger: options.logger.child({ module: name }),
      deps: deps as never,
      settings,
      fallbacks: options.fallbacks ?? NO_FALLBACKS,
    });
    visiting.pop();
    const bound = bindLocal(definition.contract, implementation);
    const api = options.faults ? options.faults.wrap(name, bound) : bound;
    apis.set(name, api);
    return api;
  };

  const bindHosted = (contract: Contract, api: ContractApi<Contract>): ContractApi<Contract> =>
    options.local ? options.local(contract, api) : api;

  const bindRemote = (contract: Contract, caller: string): ContractApi<Contract> => {
    if (!options.remote) {
      throw new Error(
        `module "${caller}" depends on "${contract.name}", which this process does not host and cannot reach`,
      );
    }
    const api = options.remote(contract);
    return api;
  };

  for (const name of options.hosted) await resolve(name);
  return apis;
}
