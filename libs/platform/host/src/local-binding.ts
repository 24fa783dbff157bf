import { commonErrors, currentBudget, type Contract, type ContractApi } from '@paybench/platform-contract';
import { withPolicies, type ProcessPolicies } from '@paybench/platform-resilience';

export interface LocalBindingOptions {
  /** The process's call timeout (its callTimeoutMs): each attempt's limit when the preset sets none. */
  readonly callTimeoutMs: number;
  readonly policies: ProcessPolicies;
}

/**
 * A module this process hosts, as another hosted module calls it. Without a resilience preset: the in-process API
 * itself (exactly the binding of before presets). Under a preset: the same calls the remote binding would make, so
 * that a topology is compared like for like: each attempt limited to the preset's attempt timeout (the call timeout
 * when it sets none; capped by what is left of the request's deadline when the preset propagates it), under the
 * callee's retry, breaker and bulkhead. A timed-out attempt fails as a remote one does (503 dependency_timeout), so
 * breakers count it and fallbacks replace it; the work itself cannot be cancelled in-process and finishes unawaited,
 * as a remote callee's does after its caller stopped waiting.
 */
export function bindLocalContract<C extends Contract>(
  contract: C,
  api: ContractApi<C>,
  options: LocalBindingOptions,
): ContractApi<C> {
  const preset = options.policies.preset;
  const callee = options.policies.forCallee(contract.name);
  if (!preset || !callee) return api;
  const attemptMs = preset.attemptTimeoutMs ?? options.callTimeoutMs;
  const timed: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const name of Object.keys(contract.operations)) {
    const call = (api as Record<string, (input: unknown) => Promise<unknown>>)[name] as (
      input: unknown,
    ) => Promise<unknown>;
    const operation = `${contract.name}.${name}`;
    timed[name] = async (input: unknown) => {
      // As the remote binding: not started once the caller is gone or the deadline passed, else limited by both.
      const budget = preset.deadline === 'propagate' ? currentBudget() : undefined;
      budget?.throwIfSpent(operation);
      return withinMs(call(input), budget ? Math.min(attemptMs, budget.remainingMs()) : attemptMs, contract.name);
    };
  }
  return withPolicies(contract, Object.freeze(timed) as ContractApi<C>, callee);
}

/** `work`, or a 503 dependency_timeout once `ms` have passed without its outcome (the remote binding's error). */
function withinMs<T>(work: Promise<T>, ms: number, dependency: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(commonErrors.dependencyTimeout(dependency, ms)), ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
