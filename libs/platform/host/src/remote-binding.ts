import type { Contract, ContractApi } from '@paybench/platform-contract';
import { remoteContract } from '@paybench/platform-http';
import { withPolicies, type ProcessPolicies } from '@paybench/platform-resilience';
import type { Pool } from 'undici';

export interface RemoteBindingOptions {
  /** The process's call timeout (its callTimeoutMs). */
  readonly callTimeoutMs: number;
  /** Sent with every call: the internal listener's credential. */
  readonly headers: Readonly<Record<string, string>>;
  readonly policies: ProcessPolicies;
}

/**
 * A module this process does not host, bound over HTTP: the plain remote contract without a resilience
 * preset (exactly the binding of before presets), else the same contract wrapped in the callee's policies,
 * with each attempt's timeout and the deadline's handling the preset's. Callers cannot tell which.
 */
export function bindRemoteContract<C extends Contract>(
  contract: C,
  pool: Pool,
  options: RemoteBindingOptions,
): ContractApi<C> {
  const preset = options.policies.preset;
  const api = remoteContract(contract, pool, {
    timeoutMs: preset?.attemptTimeoutMs ?? options.callTimeoutMs,
    headers: options.headers,
    ...(preset?.deadline === 'ignore' ? { propagateDeadline: false } : {}),
  });
  const callee = options.policies.forCallee(contract.name);
  return callee ? withPolicies(contract, api, callee) : api;
}
