import { STATUS_CODES } from 'node:http';
import { DomainError, isDomainError, type ErrorBody } from '@paybench/platform-contract';
import type { Logger } from '@paybench/platform-logging';
import type { ErrorRequestHandler, RequestHandler } from 'express';

/** Body-parser failures carry a `type`; each maps to the status the public API promises. */
const BODY_PARSER_ERRORS: Record<string, { status: number; code: string; message: string }> = {
  'entity.parse.failed': { status: 400, code: 'malformed_json', message: 'request body is not valid JSON' },
  'entity.too.large': { status: 413, code: 'payload_too_large', message: 'request body is too large' },
  'encoding.unsupported': { status: 415, code: 'unsupported_encoding', message: 'unsupported content encoding' },
  'charset.unsupported': { status: 415, code: 'unsupported_charset', message: 'unsupported charset' },
  'request.aborted': { status: 400, code: 'request_aborted', message: 'request body was aborted' },
  'request.size.invalid': {
    status: 400,
    code: 'bad_content_length',
    message: 'request size did not match content-length',
  },
};

export function errorBody(code: string, message: string, details: Record<string, unknown> = {}): ErrorBody {
  return { error: { code, message, details } };
}

/** The answer to a body-parser failure (malformed JSON, too large...), or undefined if it is not one. */
export function bodyParserErrorReply(error: unknown): { status: number; body: ErrorBody } | undefined {
  const type = (error as { type?: string } | null)?.type;
  const known = type ? BODY_PARSER_ERRORS[type] : undefined;
  return known ? { status: known.status, body: errorBody(known.code, known.message) } : undefined;
}

/** Requests with a body must declare JSON: anything else is answered 415, never guessed. */
export const requireJsonBody: RequestHandler = (req, res, next) => {
  const hasBody = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
  if (hasBody && !req.is('application/json')) {
    res.status(415).json(
      errorBody('unsupported_media_type', 'request body must be application/json', {
        contentType: req.headers['content-type'] ?? null,
      }),
    );
    return;
  }
  next();
};

export const notFound: RequestHandler = (req, res) => {
  res.status(404).json(errorBody('route_not_found', `no route for ${req.method} ${req.path}`));
};

/**
 * A client's mistake found while parsing the request, before any route ran: express's router
 * throws a URIError (status 400) for a path parameter that is not valid percent-encoding, and
 * http-errors style errors carry their 4xx `status` or `statusCode`. They keep their status; the
 * message is the error's own only when it says it may be shown (`expose`).
 */
function clientErrorReply(error: unknown): { status: number; body: ErrorBody } | undefined {
  if (error instanceof URIError) {
    return { status: 400, body: errorBody('malformed_path', 'request path holds a malformed percent-escape') };
  }
  const { status, statusCode, expose, message } = (error ?? {}) as {
    status?: unknown;
    statusCode?: unknown;
    expose?: unknown;
    message?: unknown;
  };
  const code = typeof status === 'number' ? status : statusCode;
  if (typeof code !== 'number' || !Number.isInteger(code) || code < 400 || code > 499) return undefined;
  const reason = STATUS_CODES[code] ?? 'Client Error';
  const text = expose === true && typeof message === 'string' && message.length > 0 ? message : reason;
  return { status: code, body: errorBody(reason.toLowerCase().replaceAll(/[^a-z0-9]+/g, '_'), text) };
}

/**
 * The last middleware: domain errors keep their code and status, body-parser errors become
 * 400/413/415, other client errors raised while parsing keep their 4xx (no log line: the access
 * log has the status), anything else is a bug and answers 500 with a log line (never a crash).
 */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    if (isDomainError(error)) {
      res.status(error.status).json(error.toJSON());
      return;
    }
    const parsing = bodyParserErrorReply(error);
    if (parsing) {
      res.status(parsing.status).json(parsing.body);
      return;
    }
    const client = clientErrorReply(error);
    if (client) {
      res.status(client.status).json(client.body);
      return;
    }
    logger.error({ err: error }, 'unhandled error while serving a request');
    res.status(500).json(errorBody('internal_error', 'internal error'));
  };
}

export { DomainError };
