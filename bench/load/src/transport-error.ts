/**
 * Why a request got no HTTP answer. `cancelled` means the run itself was stopped (its AbortSignal
 * fired) while the request was outstanding: the system is not to blame.
 */
export type TransportErrorKind = 'timeout' | 'connection_refused' | 'connection_reset' | 'other' | 'cancelled';

export const TRANSPORT_ERROR_KINDS: readonly TransportErrorKind[] = [
  'timeout',
  'connection_refused',
  'connection_reset',
  'other',
  'cancelled',
];

export type ErrorsByKind = Record<TransportErrorKind, number>;

export function noErrors(): ErrorsByKind {
  return { timeout: 0, connection_refused: 0, connection_reset: 0, other: 0, cancelled: 0 };
}

const KIND_BY_CODE: Record<string, TransportErrorKind> = {
  ECONNREFUSED: 'connection_refused',
  ECONNRESET: 'connection_reset',
  EPIPE: 'connection_reset',
  // undici: "other side closed" and friends, the server dropped the connection mid-request.
  UND_ERR_SOCKET: 'connection_reset',
  UND_ERR_CONNECT_TIMEOUT: 'timeout',
  UND_ERR_HEADERS_TIMEOUT: 'timeout',
  UND_ERR_BODY_TIMEOUT: 'timeout',
  ETIMEDOUT: 'timeout',
};

/**
 * Reads the error code of a Node or undici error, looking through `cause` (fetch-style wrapping)
 * and the first error of an AggregateError (a connect attempt to several addresses).
 */
export function transportErrorKind(error: unknown): TransportErrorKind {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current !== null && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code in KIND_BY_CODE) return KIND_BY_CODE[code];
    const { cause, errors } = current as { cause?: unknown; errors?: unknown };
    current = cause ?? (Array.isArray(errors) ? errors[0] : undefined);
  }
  return 'other';
}
