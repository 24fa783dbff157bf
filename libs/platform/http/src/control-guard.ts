import express, { type RequestHandler } from 'express';
import { bodyParserErrorReply, errorBody, requireJsonBody } from './error-responses.js';

/** The names a loopback listener may be called by; anything else in `Host` is another site's name. */
const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'] as const;

function loopbackHosts(port: number | undefined): string[] {
  return LOOPBACK_NAMES.map((name) => `${name}:${port ?? ''}`);
}

/**
 * A control endpoint (the runtime's, the forwarder's, a process's profiler) listens on loopback
 * and trusts whoever reaches it, so a web page open in a browser on the same machine must not be
 * able to drive it:
 * - DNS rebinding: a page at evil.example:3090 whose name now resolves to 127.0.0.1 reaches the
 *   port as "same origin", but its `Host` names evil.example: only loopback names pass (403).
 * - Cross-origin "simple" requests (no preflight) may carry a text/plain or form body: a body must
 *   be `application/json` (415), which a page cannot send to another origin without a preflight.
 * - A bodiless cross-origin POST is a simple request too; browsers always send `Origin` with it, and
 *   command-line clients (curl, Node's fetch, undici) never do: a foreign `Origin` is refused (403).
 */
export const loopbackCallersOnly: RequestHandler = (req, res, next) => {
  const allowed = loopbackHosts(req.socket.localPort);
  const host = (req.headers.host ?? '').toLowerCase();
  if (!allowed.includes(host)) {
    const message = 'control endpoints answer only to 127.0.0.1, localhost or [::1] with this port';
    res.status(403).json(errorBody('forbidden_host', message, { host: req.headers.host ?? null }));
    return;
  }
  const origin = req.headers.origin?.toLowerCase();
  if (origin !== undefined && !allowed.some((name) => origin === `http://${name}`)) {
    const message = 'control endpoints do not answer requests from web pages of another origin';
    res.status(403).json(errorBody('forbidden_origin', message, { origin }));
    return;
  }
  next();
};

/** Parses a JSON body, answering a malformed or oversized one itself (400, 413) whatever error handler follows. */
function jsonBody(limit: string): RequestHandler {
  const parse = express.json({ limit, strict: false });
  return (req, res, next) => {
    parse(req, res, (error?: unknown) => {
      const reply = error === undefined ? undefined : bodyParserErrorReply(error);
      if (reply) res.status(reply.status).json(reply.body);
      else next(error);
    });
  };
}

/**
 * Everything a control API puts in front of its routes: loopback callers only, JSON bodies only,
 * parsed, with the usual `{ error: { code, message, details } }` body for each refusal.
 */
export function controlGuard(options: { bodyLimit?: string } = {}): RequestHandler[] {
  return [loopbackCallersOnly, requireJsonBody, jsonBody(options.bodyLimit ?? '64kb')];
}
