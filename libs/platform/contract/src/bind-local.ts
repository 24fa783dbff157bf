import { z } from 'zod';
import type { Contract, ContractApi, ContractImplementation } from './contract.js';
import { throwIfBudgetSpent } from './call-budget.js';
import { commonErrors } from './domain-error.js';
import { describeZodError } from './describe-zod-error.js';

/**
 * Binds a contract to its in-process implementation. The call stays a plain async function
 * call on the caller's objects (no serialisation); only the input is checked against the
 * contract, exactly as the HTTP server adapter checks it, so a bad call fails the same way in
 * every topology. A call made for a request whose caller is gone or whose deadline has passed
 * does not start (see call-budget.ts), as a remote call would not be sent.
 */
export function bindLocal<C extends Contract>(contract: C, implementation: ContractImplementation<C>): ContractApi<C> {
  const bound: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const [name, spec] of Object.entries(contract.operations)) {
    const impl = (implementation as Record<string, (input: unknown) => Promise<unknown>>)[name];
    if (typeof impl !== 'function') {
      throw new Error(`contract "${contract.name}": operation "${name}" has no implementation`);
    }
    const operation = `${contract.name}.${name}`;
    bound[name] = async (input: unknown) => {
      throwIfBudgetSpent(operation);
      return impl(parseInput(contract.name, name, spec.input, input));
    };
  }
  return Object.freeze(bound) as ContractApi<C>;
}

export function parseInput(contractName: string, operation: string, schema: z.ZodType, input: unknown): unknown {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw commonErrors.validation(describeZodError(result.error), {
      operation: `${contractName}.${operation}`,
      issues: result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  return result.data;
}
