/**
 * A domain error is an expected outcome a caller can act on (bad token, idempotency conflict,
 * unknown order). It carries a stable `code` and the HTTP `status` it maps to, so the same
 * error reaches a caller with the same code and status whether the callee runs in-process or
 * in another process: the HTTP adapters serialise it and rebuild it on the other side.
 */
export class DomainError extends Error {
  override readonly name = 'DomainError';
  readonly code: string;
  readonly status: number;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: string, status: number, message: string, details?: Record<string, unknown>) {
    super(message);
    this.code = code;
    this.status = status;
    this.details = details;
  }

  toJSON(): ErrorBody {
    return { error: { code: this.code, message: this.message, details: this.details ?? {} } };
  }
}

/** The JSON shape of every error response in every topology. */
export interface ErrorBody {
  error: { code: string; message: string; details: Record<string, unknown> };
}

export function isDomainError(value: unknown): value is DomainError {
  return value instanceof DomainError;
}

/** Errors shared by every module (module-specific codes live in each module's contract). */
export const commonErrors = {
  validation: (message: string, details?: Record<string, unknown>) =>
    new DomainError('validation_failed', 400, message, details),
  notFound: (message: string, details?: Record<string, unknown>) => new DomainError('not_found', 404, message, details),
  /** A dependency that did not answer within `timeoutMs`: remote (the HTTP call timed out) or in-process alike. */
  dependencyTimeout: (dependency: string, timeoutMs: number) =>
    new DomainError('dependency_timeout', 503, `dependency "${dependency}" did not answer within ${timeoutMs} ms`, {
      dependency,
      timeoutMs,
    }),
  dependencyUnavailable: (dependency: string, reason: string) =>
    new DomainError('dependency_unavailable', 503, `dependency "${dependency}" is unavailable: ${reason}`, {
      dependency,
      reason,
    }),
};
