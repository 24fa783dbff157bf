import {
  budgetSpent,
  commonErrors,
  currentBudget,
  DomainError,
  describeZodError,
  isDomainError,
  type Contract,
  type ContractApi,
} from '@paybench/platform-contract';
import { Pool } from 'undici';
import { callSignal, DEADLINE_HEADER } from './deadline-header.js';
import { rpcPath } from './serve-contract.js';
import { outgoingTraceparent } from './trace-context.js';

export interface RemoteOptions {
  /**
   * Per-call deadline in milliseconds, covering connect, headers and body; shortened to what is
   * left of the request's own deadline when the call is made while serving one.
   */
  timeoutMs?: number;
  /** Sent with every call, e.g. the internal listener's credential (see internal-auth.ts). */
  headers?: Readonly<Record<string, string>>;
  /**
   * `false`: the call ignores the request being served (its deadline, its caller leaving) and waits its own
   * `timeoutMs`, as a client with only a timeout of its own does (the `naive` resilience preset). Default true.
   */
  propagateDeadline?: boolean;
}

export interface PoolOptions {
  /** Keep-alive sockets per peer process. */
  connections?: number;
  keepAliveTimeoutMs?: number;
}

/** One keep-alive pool per peer process, shared by every contract that process hosts. */
export function createPool(origin: string, options: PoolOptions = {}): Pool {
  return new Pool(origin, {
    connections: options.connections ?? 64,
    pipelining: 1,
    keepAliveTimeout: options.keepAliveTimeoutMs ?? 30_000,
    connect: { timeout: 2_000 },
  });
}

/**
 * Calls a contract hosted by another process over HTTP. Domain errors come back with the same
 * code and status as in-process; a peer that cannot be reached, or does not answer in time, is
 * a 503 naming the dependency. Replies are validated against the contract (wire data).
 *
 * Made while serving a request, a call waits at most what is left of that request's deadline,
 * tells the callee so (`x-paybench-deadline-ms`), is not sent at all once nothing is left, and
 * is abandoned when the request's own caller leaves.
 */
export function remoteContract<C extends Contract>(
  contract: C,
  pool: Pool,
  options: RemoteOptions = {},
): ContractApi<C> {
  const ownTimeoutMs = options.timeoutMs ?? 10_000;
  const propagate = options.propagateDeadline !== false;
  const api: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const [name, spec] of Object.entries(contract.operations)) {
    const path = rpcPath(contract.name, name);
    const operation = `${contract.name}.${name}`;
    api[name] = async (input: unknown) => {
      const budget = propagate ? currentBudget() : undefined;
      // Not sent once the caller is gone (caller_gone) or nothing is left (503 dependency_timeout).
      budget?.throwIfSpent(operation);
      const timeoutMs = budget ? Math.min(ownTimeoutMs, budget.remainingMs()) : ownTimeoutMs;
      if (timeoutMs <= 0) throw budgetSpent(operation);
      const headers: Record<string, string> = { ...options.headers, 'content-type': 'application/json' };
      const traceparent = outgoingTraceparent();
      if (traceparent) headers['traceparent'] = traceparent;
      if (budget) headers[DEADLINE_HEADER] = String(timeoutMs);
      let response;
      try {
        response = await pool.request({
          method: 'POST',
          path,
          headers,
          body: JSON.stringify(input),
          signal: callSignal(budget, ownTimeoutMs),
        });
      } catch (error) {
        throw transportError(contract.name, error, timeoutMs);
      }
      let body: unknown;
      try {
        body = await response.body.json();
      } catch (error) {
        throw transportError(contract.name, error, timeoutMs);
      }
      if (response.statusCode >= 400) throw errorFromBody(contract.name, response.statusCode, body);
      const parsed = spec.output.safeParse(body);
      if (!parsed.success) {
        throw commonErrors.dependencyUnavailable(
          contract.name,
          `invalid reply from ${path}: ${describeZodError(parsed.error)}`,
        );
      }
      return parsed.data;
    };
  }
  return Object.freeze(api) as ContractApi<C>;
}

function errorFromBody(dependency: string, status: number, body: unknown): DomainError {
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  if (error && typeof error.code === 'string' && typeof error.message === 'string') {
    const details =
      typeof error.details === 'object' && error.details !== null
        ? (error.details as Record<string, unknown>)
        : undefined;
    return new DomainError(error.code, status, error.message, details);
  }
  return commonErrors.dependencyUnavailable(dependency, `HTTP ${status} without an error body`);
}

function transportError(dependency: string, error: unknown, timeoutMs: number): DomainError {
  // Aborted because the request's own caller left: the reason is already the error to throw.
  if (isDomainError(error)) return error;
  const name = (error as { name?: string }).name;
  if (name === 'TimeoutError' || name === 'AbortError') return commonErrors.dependencyTimeout(dependency, timeoutMs);
  const code = (error as { code?: string }).code;
  return commonErrors.dependencyUnavailable(dependency, code ?? (error as Error).message ?? 'transport error');
}
