import type { z } from 'zod';

/** One operation of a module: what it accepts and what it returns, both checked with zod. */
export interface OperationSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
  /**
   * Calling it twice with the same input has the effect of calling it once, so a transport may retry
   * it; anything else is never retried (unless its input carries an idempotency key, which makes a
   * repeat answer with the original outcome). Read by the retry policy of a resilience preset
   * (libs/platform/resilience, with-policies.ts); without a preset no call is retried. Its author
   * declares it next to the operation, where they know whether it holds.
   */
  readonly idempotent?: boolean;
}

export type OperationMap = Record<string, OperationSpec>;

/**
 * A route of the public HTTP API bound to one operation. Declared as data, so a module's public
 * API needs no web framework and any process that can reach the module can serve it.
 */
export interface PublicRoute {
  readonly method: 'get' | 'post';
  readonly path: string;
  readonly operation: string;
  readonly successStatus: number;
  /** Builds the operation's input from the parts of the request (params, query, body). */
  readonly toInput: (request: { params: Record<string, string>; body: unknown }) => unknown;
}

export interface Contract<Ops extends OperationMap = OperationMap> {
  readonly name: string;
  readonly operations: Ops;
  readonly publicRoutes: readonly PublicRoute[];
}

/** What a caller passes (schema defaults may be left out). */
export type InputOf<S extends OperationSpec> = z.input<S['input']>;
/** What an implementation receives: the input after validation, defaults filled in. */
export type ParsedInputOf<S extends OperationSpec> = z.output<S['input']>;
export type OutputOf<S extends OperationSpec> = z.output<S['output']>;

/** What calling a contract means: one async function per operation. */
export type ContractApi<C extends Contract> = {
  readonly [K in keyof C['operations']]: (input: InputOf<C['operations'][K]>) => Promise<OutputOf<C['operations'][K]>>;
};

/** What implementing a contract means: the same functions, given already-validated input. */
export type ContractImplementation<C extends Contract> = {
  readonly [K in keyof C['operations']]: (
    input: ParsedInputOf<C['operations'][K]>,
  ) => Promise<OutputOf<C['operations'][K]>>;
};

export function defineContract<const Ops extends OperationMap>(definition: {
  name: string;
  operations: Ops;
  publicRoutes?: readonly (PublicRoute & { operation: keyof Ops & string })[];
}): Contract<Ops> {
  if (!/^[a-z][a-z0-9-]*$/.test(definition.name)) {
    throw new Error(`contract name "${definition.name}" must be lowercase letters, digits and dashes`);
  }
  for (const route of definition.publicRoutes ?? []) {
    if (!(route.operation in definition.operations)) {
      throw new Error(
        `contract "${definition.name}": route ${route.path} names unknown operation "${route.operation}"`,
      );
    }
  }
  return Object.freeze({
    name: definition.name,
    operations: definition.operations,
    publicRoutes: definition.publicRoutes ?? [],
  });
}
