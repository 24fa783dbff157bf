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
  'request.size.invalid': { status: 400, code: 'bad_content_length', message: 'request size did not match content-length' },
};

export function errorBody(code: string, message: string, details: Record<string, unknown> = {}): ErrorBody {
  return { error: { code, message, details } };
}

/** Requests with a body must declare JSON: anything else is answered 415, never guessed. */
export const requireJsonBody: RequestHandler = (req, res, next) => {
  const hasBody = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
  if (hasBody && !req.is('application/json')) {
    res
      .status(415)
      .json(
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
 * The last middleware: domain errors keep their code and status, body-parser errors become
 * 400/413/415, anything else is a bug and answers 500 with a log line (never a crash).
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
    const type = (error as { type?: string }).type;
    const known = type ? BODY_PARSER_ERRORS[type] : undefined;
    if (known) {
      res.status(known.status).json(errorBody(known.code, known.message));
      return;
    }
    logger.error({ err: error }, 'unhandled error while serving a request');
    res.status(500).json(errorBody('internal_error', 'internal error'));
  };
}

export { DomainError };
