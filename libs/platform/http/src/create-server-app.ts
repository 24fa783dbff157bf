import type { Logger } from '@paybench/platform-logging';
import express, { type Express } from 'express';
import { accessLog } from './access-log.js';
import { errorHandler, notFound, requireJsonBody } from './error-responses.js';
import { runWithBudget } from '@paybench/platform-contract';
import { budgetForRequest, DEADLINE_HEADER } from './deadline-header.js';
import { runWithTrace, traceFromHeader } from './trace-context.js';

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
    if (!budget) {
      runWithTrace(trace, next);
      return;
    }
    // Closed before the answer was written: the caller left (or timed out), so its work stops.
    res.once('close', () => {
      if (!res.writableFinished) budget.cancel();
    });
    runWithTrace(trace, () => runWithBudget(budget, next));
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
