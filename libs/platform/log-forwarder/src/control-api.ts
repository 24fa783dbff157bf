import { controlGuard, errorBody } from '@paybench/platform-http';
import express, { type ErrorRequestHandler, type Express } from 'express';
import { configPatchSchema, parseWith, type ConfigPatch, type ForwarderConfig } from './config.js';
import type { ForwarderStats } from './forwarder-stats.js';

export interface ControlTarget {
  stats(): ForwarderStats;
  setConfig(patch: ConfigPatch): ForwarderConfig;
}

/** The guard answers the client's mistakes (bad JSON, wrong type, foreign Host); what reaches here is a bug. */
const errorHandler: ErrorRequestHandler = (error: unknown, _req, res, next) => {
  if (res.headersSent) {
    next(error);
    return;
  }
  res.status(500).json(errorBody('internal_error', 'internal error'));
};

/**
 * The forwarder's control plane: stats for the bench, and live reconfiguration (the experiment
 * flips the buffer policy and slows the sink while the system runs). Loopback callers and JSON
 * bodies only (see controlGuard): a browser on this machine cannot drive it.
 */
export function createControlApp(target: ControlTarget): Express {
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  // Non-strict parsing: a body of `null` or `42` gets a schema error naming the problem, not a parse error.
  app.use(controlGuard({ bodyLimit: '64kb' }));

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.get('/stats', (_req, res) => {
    res.json(target.stats());
  });

  app.put('/config', (req, res) => {
    const patch = parseWith(configPatchSchema, req.body);
    if (!patch.ok) {
      res.status(400).json(errorBody('invalid_config', patch.message, { field: patch.field }));
      return;
    }
    res.json(target.setConfig(patch.value));
  });

  app.use((req, res) => {
    res.status(404).json(errorBody('route_not_found', `no route for ${req.method} ${req.path}`));
  });
  app.use(errorHandler);
  return app;
}
