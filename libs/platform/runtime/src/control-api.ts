import { createServer, type Server } from 'node:http';
import { controlGuard, errorBody, listenOn } from '@paybench/platform-http';
import { ForwarderRequestError } from '@paybench/platform-log-forwarder';
import express, { type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import { ModuleFaultsBody } from '@paybench/platform-topology';
import { LOG_DRIVER_MODES } from './log-driver/index.js';
import type { RunningTopology } from './supervisor.js';

const DriverChange = z.object({ mode: z.enum(LOG_DRIVER_MODES as [string, ...string[]]) }).strict();
const CrashRequest = z.object({ restartAfterMs: z.number().int().min(0).max(600_000).optional() }).strict();

/**
 * The runtime's control surface for a running topology: log accounting, driver and forwarder
 * settings, restarts, module faults (`PUT /modules/<module>/faults`) and crashes (`POST /modules/<module>/crash`). It always binds to 127.0.0.1 and is never part of the public API; like every
 * control endpoint it refuses other Host names, web pages of other origins and non-JSON bodies
 * (see controlGuard), so a browser on this machine cannot drive it.
 */
export async function serveRuntimeControl(running: RunningTopology, port: number): Promise<Server> {
  const app = express();
  app.disable('x-powered-by');
  app.use(controlGuard({ bodyLimit: '16kb' }));
  const wrap =
    (handler: (req: Request, res: Response) => Promise<unknown>) =>
    (req: Request, res: Response, next: NextFunction) => {
      handler(req, res).catch(next);
    };
  app.get('/topology', (_req, res) => {
    res.json(running.topology);
  });
  app.get(
    '/logs/accounting',
    wrap(async (_req, res) => res.json(await running.logAccounting())),
  );
  app.get('/logs/drivers', (_req, res) => {
    res.json(running.driverStats());
  });
  app.get(
    '/logs/forwarder',
    wrap(async (_req, res) => res.json(await requireForwarder(running).client.stats())),
  );
  app.put(
    '/logs/forwarder',
    wrap(async (req, res) => res.json(await requireForwarder(running).client.setConfig(req.body))),
  );
  app.put('/logs/drivers', (req, res) => {
    const parsed = DriverChange.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json(errorBody('invalid_request', `mode: expected one of ${LOG_DRIVER_MODES.join(', ')}`));
      return;
    }
    void running
      .setLogOptions({ driverMode: parsed.data.mode as (typeof LOG_DRIVER_MODES)[number] })
      .then(() => res.json(running.driverStats()));
  });
  app.post(
    '/processes/:name/restart',
    wrap(async (req, res) => {
      await running.restart(String(req.params['name']));
      res.json({ restarted: req.params['name'] });
    }),
  );
  app.put(
    '/modules/:module/faults',
    wrap(async (req, res) => {
      const parsed = ModuleFaultsBody.safeParse(req.body);
      if (!parsed.success) {
        res.status(400).json(errorBody('invalid_request', issuesOf(parsed.error)));
        return;
      }
      res.json(await running.setModuleFaults(String(req.params['module']), parsed.data.faults));
    }),
  );
  app.post(
    '/modules/:module/crash',
    wrap(async (req, res) => {
      const parsed = CrashRequest.safeParse(req.body ?? {});
      if (!parsed.success) {
        res.status(400).json(errorBody('invalid_request', issuesOf(parsed.error)));
        return;
      }
      const { restartAfterMs } = parsed.data;
      const { record } = await running.crashModule(
        String(req.params['module']),
        restartAfterMs === undefined ? {} : { restartAfterMs },
      );
      res.json(record);
    }),
  );
  app.use((req, res) => {
    res.status(404).json(errorBody('route_not_found', `no route for ${req.method} ${req.path}`));
  });
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (error instanceof ForwarderRequestError) {
      res.status(error.status).json(error.body);
      return;
    }
    const message = (error as Error).message;
    res.status(/no process/.test(message) ? 404 : 500).json(errorBody('control_failed', message));
  });
  const server = createServer(app);
  await listenOn(server, '127.0.0.1', port, 'the control API');
  return server;
}

function requireForwarder(running: RunningTopology) {
  if (!running.forwarder) throw new Error('this topology runs without a log pipeline');
  return running.forwarder;
}

function issuesOf(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ');
}
