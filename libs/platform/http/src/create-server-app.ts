import type { ServerResponse } from 'node:http';
import { runInRequest, type CallBudget } from '@paybench/platform-contract';
import type { Logger } from '@paybench/platform-logging';
import express, { type Express } from 'express';
import { accessLog } from './access-log.js';
import { budgetForRequest, DEADLINE_HEADER } from './deadline-header.js';
import { errorHandler, notFound, requireJsonBody } from './error-responses.js';
import { traceFromHeader } from './trace-context.js';

export interface ServerAppOptions {
  logger: Logger;
  /** Largest accepted request body (default 64 KiB: a checkout is well under 10 KiB). */
  bodyLimit?: string;
  /** One line per request served, as pino-http would write (default on). */
  accessLog?: boolean;
  /**
   * Longest a request may take end to end, in ms (the process's callTimeoutMs). A caller's
   * `x-paybench-deadline-ms` header may shorten it, never lengthen it; with neither, no deadline.
   */
  deadlineMs?: number;
  /** Adds the routes; runs after the shared middleware, before the 404 and error handlers. */
  routes: (app: Express) => void;
}

/** An express app with the behaviour every paybench listener shares. */
export function createServerApp(options: ServerAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.set('query parser', 'simple');
  app.use((req, res, next) => {
    const trace = traceFromHeader(req.header('traceparent'));
    res.setHeader('x-trace-id', trace.traceId);
    const budget = budgetForRequest(req.header(DEADLINE_HEADER), options.deadlineMs);
    if (budget) endWithResponse(budget, res);
    // One store for trace and budget: one context frame per request (see request-context.ts).
    runInRequest({ trace, budget }, next);
  });
  if (options.accessLog !== false) app.use(accessLog(options.logger));
  app.use(requireJsonBody);
  // Non-strict: a body of `null` or `42` is valid JSON and gets a schema error naming the problem.
  app.use(express.json({ limit: options.bodyLimit ?? '64kb', strict: false }));
  options.routes(app);
  app.use(notFound);
  app.use(errorHandler(options.logger));
  return app;
}

/**
 * Closed before the answer was written: the caller left (or timed out), so its work stops.
 * Closed after it: the budget's deadline timer, if any, is stopped. A response closes once, so
 * `on` (one closure) rather than `once` (a wrapper more per request).
 */
function endWithResponse(budget: CallBudget, res: ServerResponse): void {
  res.on('close', () => {
    if (res.writableFinished) budget.release();
    else budget.cancel();
  });
}
