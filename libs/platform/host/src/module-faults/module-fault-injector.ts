import { setTimeout as sleep } from 'node:timers/promises';
import { commonErrors, type Contract, type ContractApi } from '@paybench/platform-contract';
import type { InProcessModuleFault } from '@paybench/platform-topology';
import { startBlocks, startCpuHog, type BusyLoop } from './busy-loops.js';

/** What one module's calls go through now; `null` fields: no such fault. */
interface ActiveFaults {
  faults: InProcessModuleFault[];
  latency: { ms: number; jitterMs: number } | null;
  errorRate: number;
  loops: BusyLoop[];
}

type Operation = (input: unknown) => Promise<unknown>;

/**
 * The faults of the modules this process hosts (issue 13). Each hosted module's API is wrapped once, at
 * composition (see composeModules), and every binding passes through that wrapper: an in-process caller
 * (another module of the same process) and a remote one (the RPC route serves the same API object) see the
 * same misbehaviour, so a fault is like for like in every topology. With no fault set a call costs one
 * property read more than an unwrapped one.
 *
 * Latency and errors are per call of the module. A block or a CPU hog is process-wide by nature (a busy
 * loop on the main thread): in a process hosting several modules (the monolith) it hits all of them.
 */
export class ModuleFaultInjector {
  readonly #active = new Map<string, ActiveFaults>();
  /** A random source, replaceable by tests; Math.random otherwise. */
  readonly #random: () => number;

  constructor(options: { random?: () => number } = {}) {
    this.#random = options.random ?? Math.random;
  }

  /** The module's faults from now on, replacing its current ones; `[]` lifts them. */
  set(module: string, faults: readonly InProcessModuleFault[]): void {
    this.#active.get(module)?.loops.forEach((loop) => loop.stop());
    this.#active.delete(module);
    if (faults.length === 0) return;
    const active: ActiveFaults = { faults: [...faults], latency: null, errorRate: 0, loops: [] };
    for (const fault of faults) {
      if (fault.type === 'latency') active.latency = { ms: fault.ms, jitterMs: fault.jitterMs };
      else if (fault.type === 'errors') active.errorRate = fault.rate;
      else if (fault.type === 'block') active.loops.push(startBlocks(fault.ms, fault.everyMs));
      else active.loops.push(startCpuHog(fault.share));
    }
    this.#active.set(module, active);
  }

  /** The module's current faults (`[]`: none). */
  current(module: string): InProcessModuleFault[] {
    return [...(this.#active.get(module)?.faults ?? [])];
  }

  /** Every module's faults lifted, every busy loop stopped (the process is stopping). */
  clear(): void {
    for (const module of [...this.#active.keys()]) this.set(module, []);
  }

  /** The module's API with its faults in front of every operation. */
  wrap<C extends Contract>(module: string, api: ContractApi<C>): ContractApi<C> {
    const wrapped: Record<string, Operation> = {};
    for (const [name, operation] of Object.entries(api as unknown as Record<string, Operation>)) {
      wrapped[name] = (input) => {
        const active = this.#active.get(module);
        return active ? this.#faulty(module, active, operation, input) : operation(input);
      };
    }
    return Object.freeze(wrapped) as unknown as ContractApi<C>;
  }

  async #faulty(module: string, active: ActiveFaults, operation: Operation, input: unknown): Promise<unknown> {
    if (active.latency) {
      const { ms, jitterMs } = active.latency;
      const delay = ms + jitterMs * (2 * this.#random() - 1);
      if (delay > 0) await sleep(delay);
    }
    if (active.errorRate > 0 && this.#random() < active.errorRate)
      throw commonErrors.dependencyUnavailable(module, `injected fault (error rate ${active.errorRate})`);
    return operation(input);
  }
}
