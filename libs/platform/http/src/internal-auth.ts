import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { errorBody } from './error-responses.js';

/** The header every call to an internal listener carries: the deployment's shared secret. */
export const INTERNAL_AUTH_HEADER = 'x-paybench-internal';

/** Shorter secrets could be guessed; the supervisor's are 32 random bytes (64 hex characters). */
const MIN_SECRET_BYTES = 32;

/** A fresh secret for one deployment: made by the supervisor at start, never written to a result or a log. */
export function newInternalSecret(): string {
  return randomBytes(MIN_SECRET_BYTES).toString('hex');
}

/** The headers an internal client sends. */
export function internalAuthHeaders(secret: string): Record<string, string> {
  return { [INTERNAL_AUTH_HEADER]: secret };
}

/**
 * Guards an internal listener (module RPC, metrics, logger stats, profiler): only callers that
 * hold the deployment's secret get through, whatever address the listener is bound to. A
 * missing header is 401, a wrong one 403. The comparison takes the same time whatever the
 * header holds, so the secret cannot be found byte by byte; only its length, which is no
 * secret (every deployment's is 64), can make the answer come sooner.
 */
export function requireInternalSecret(secret: string): RequestHandler {
  const expected = Buffer.from(secret, 'utf8');
  if (expected.length < MIN_SECRET_BYTES) {
    throw new Error(`the internal secret must be at least ${MIN_SECRET_BYTES} bytes`);
  }
  return (req, res, next) => {
    const given = req.headers[INTERNAL_AUTH_HEADER];
    if (typeof given !== 'string' || given.length === 0) {
      const message = `internal listener: the ${INTERNAL_AUTH_HEADER} header is required`;
      res.status(401).json(errorBody('internal_auth_required', message));
      return;
    }
    const offered = Buffer.from(given, 'utf8');
    if (offered.length !== expected.length || !timingSafeEqual(offered, expected)) {
      res.status(403).json(errorBody('internal_auth_failed', `internal listener: wrong ${INTERNAL_AUTH_HEADER}`));
      return;
    }
    next();
  };
}
