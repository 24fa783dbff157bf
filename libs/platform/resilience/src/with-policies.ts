import type { Contract, ContractApi } from '@paybench/platform-contract';
import type { CalleePolicies } from './callee-policies.js';

/**
 * The same contract API, each call run under the callee's policies: a caller cannot tell it from the
 * binding it wraps. A call may be attempted again only when repeating it is harmless: its operation is
 * declared `idempotent`, or its input carries an idempotency key (the callee answers a repeat with the
 * original outcome).
 */
export function withPolicies<C extends Contract>(
  contract: C,
  api: ContractApi<C>,
  policies: CalleePolicies,
): ContractApi<C> {
  const wrapped: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const [name, spec] of Object.entries(contract.operations)) {
    const call = (api as Record<string, (input: unknown) => Promise<unknown>>)[name] as (
      input: unknown,
    ) => Promise<unknown>;
    const idempotent = spec.idempotent === true;
    wrapped[name] = (input: unknown) => policies.execute(() => call(input), idempotent || carriesIdempotencyKey(input));
  }
  return Object.freeze(wrapped) as ContractApi<C>;
}

function carriesIdempotencyKey(input: unknown): boolean {
  return typeof (input as { idempotencyKey?: unknown } | null)?.idempotencyKey === 'string';
}
