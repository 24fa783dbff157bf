import { currentRequest, runInRequest } from '@paybench/platform-contract';
import type { Logger } from '@paybench/platform-logging';
import type { RequestHandler } from 'express';

/**
 * One log line per request served, written when the response finishes: method, route, status,
 * duration. Standard practice (pino-http), and part of what the log pipeline must carry: a
 * deployment with more HTTP hops per purchase writes more of these lines. Health probes and
 * metric scrapes are left out, as production setups usually do.
 */
export function accessLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    if (
      req.path === '/healthz' ||
      req.path === '/readyz' ||
      req.path === '/metrics' ||
      req.path.startsWith('/stats/')
    ) {
      next();
      return;
    }
    const started = process.hrtime.bigint();
    // 'finish' fires outside the request's async context: its line is written back inside it.
    const context = currentRequest();
    res.once('finish', () => {
      const line = () =>
        logger.info(
          {
            http: {
              method: req.method,
              route: (req.route as { path?: string } | undefined)?.path ?? req.path,
              status: res.statusCode,
              ms: Number(process.hrtime.bigint() - started) / 1e6,
            },
          },
          'request completed',
        );
      if (context) runInRequest(context, line);
      else line();
    });
    next();
  };
}
