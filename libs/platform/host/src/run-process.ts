import type { Server } from 'node:http';
import type { Contract, ContractApi } from '@paybench/platform-contract';
import {
  closeServer,
  createPool,
  createServerApp,
  internalAuthHeaders,
  listen,
  requireInternalSecret,
  serveContractRpc,
  servePublicRoutes,
  traceLogFields,
} from '@paybench/platform-http';
import { createLogger } from '@paybench/platform-logging';
import { ProcessPolicies } from '@paybench/platform-resilience';
import { openDatabase } from '@paybench/platform-storage';
import { exitWhenSupervisorDies, readProcessConfig, type ProcessConfig } from '@paybench/platform-topology';
import type { Pool } from 'undici';
import { composeModules } from './compose-modules.js';
import { mountCpuProfiler } from './cpu-profiler.js';
import { mountHealthRoutes } from './health-routes.js';
import { ModuleFaultInjector, mountModuleFaults } from './module-faults/index.js';
import { mountProcessMetrics } from './process-metrics.js';
import { bindLocalContract } from './local-binding.js';
import { bindRemoteContract } from './remote-binding.js';
import { withSampleEndpoint } from './sample-endpoint.js';
import type { ModuleDefinition } from './module-definition.js';

export interface RunningProcess {
  readonly config: ProcessConfig;
  stop(): Promise<void>;
}

/**
 * Starts one process of a topology: opens its database, composes the modules it hosts (binding
 * the others to HTTP clients), and serves the public API and the internal RPC listener.
 * Every app's main.ts is a call to this with the modules it links.
 */
export async function runProcess(
  linked: readonly ModuleDefinition[],
  config: ProcessConfig = readProcessConfig(),
): Promise<RunningProcess> {
  const log = createLogger({
    processName: config.logSource ?? config.process,
    mode: config.logger.mode,
    maxBufferBytes: config.logger.maxBufferBytes,
    level: config.logger.level as 'info',
    context: traceLogFields,
  });
  const logger = log.logger;
  const db = openDatabase(config.databaseFile);

  const pools = new Map<string, Pool>();
  const internalHeaders = internalAuthHeaders(config.internalSecret);
  // One set of policies per callee for the whole process (breakers and bulkheads protect nothing per binding).
  const policies = new ProcessPolicies(config.resilience);
  const bindingOptions = { callTimeoutMs: config.callTimeoutMs, headers: internalHeaders, policies };
  const remote = <C extends Contract>(contract: C): ContractApi<C> => {
    const origin = config.moduleUrls[contract.name];
    if (!origin) throw new Error(`no process of topology ${config.topology} hosts module "${contract.name}"`);
    let pool = pools.get(origin);
    if (!pool) pools.set(origin, (pool = createPool(origin)));
    return bindRemoteContract(contract, pool, bindingOptions);
  };

  const faults = new ModuleFaultInjector();
  const apis = await composeModules({
    modules: linked,
    hosted: config.modules,
    remote,
    // Under a preset, in-process calls run the same policies as remote ones (like for like across topologies).
    local: (contract, api) => bindLocalContract(contract, api, bindingOptions),
    db,
    logger,
    settings: config.settings,
    faults,
    fallbacks: policies.fallbacks,
  });

  // The entry process serves the whole public API: its own modules' routes and, through their
  // contracts, those of every module it can reach. Other processes serve their own modules' routes.
  const publicContracts = new Map<string, { contract: Contract; api: ContractApi<Contract> }>();
  for (const definition of linked) {
    const api = apis.get(definition.name);
    if (api) publicContracts.set(definition.name, { contract: definition.contract, api });
  }
  if (config.isEntry) {
    for (const definition of linked) {
      for (const contract of [definition.contract, ...Object.values(definition.dependencies)]) {
        if (
          !publicContracts.has(contract.name) &&
          contract.publicRoutes.length > 0 &&
          config.moduleUrls[contract.name]
        ) {
          publicContracts.set(contract.name, { contract, api: remote(contract) });
        }
      }
    }
  }
  const peers = [
    ...new Set(
      Object.entries(config.moduleUrls)
        .filter(([m]) => !config.modules.includes(m))
        .map(([, url]) => url),
    ),
  ];

  const publicApp = createServerApp({
    logger,
    // One deadline per purchase, end to end: later hops inherit what is left of it.
    deadlineMs: config.callTimeoutMs,
    routes: (app) => {
      mountHealthRoutes(app, { process: config.process, nonce: config.nonce, db, peers, peerHeaders: internalHeaders });
      for (const { contract, api } of publicContracts.values()) servePublicRoutes(app, contract, api);
    },
  });
  const internalApp = createServerApp({
    logger,
    deadlineMs: config.callTimeoutMs,
    routes: (app) => {
      // First: nothing on the internal listener answers a caller without the deployment's secret.
      app.use(requireInternalSecret(config.internalSecret));
      app.get('/healthz', (_req, res) => {
        res.json({ status: 'ok', process: config.process, nonce: config.nonce });
      });
      mountProcessMetrics(app, { process: config.process, loggerStats: log.stats, policies });
      mountCpuProfiler(app);
      mountModuleFaults(app, { process: config.process, hosted: config.modules, injector: faults });
      for (const definition of linked) {
        const api = apis.get(definition.name);
        if (api) serveContractRpc(app, definition.contract, api);
      }
    },
  });

  const servers: Server[] = [];
  try {
    servers.push(await listen(publicApp, config.host, config.port));
    const internal = withSampleEndpoint(internalApp, { internalSecret: config.internalSecret, loggerStats: log.stats });
    servers.push(await listen(internal, config.internalHost, config.internalPort));
  } catch (error) {
    await Promise.all(servers.map(closeServer));
    db.close();
    throw error;
  }
  logger.info(
    {
      event: 'process_ready',
      modules: config.modules,
      port: config.port,
      internalPort: config.internalPort,
      topology: config.topology,
    },
    'process ready',
  );

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      faults.clear();
      await Promise.all(servers.map(closeServer));
      await Promise.all([...pools.values()].map((pool) => pool.close()));
      db.close();
      logger.info({ event: 'process_stopped' }, 'process stopped');
      log.flush();
      // The final counts go to stderr, which bypasses the log pipeline, so the harness can close
      // its accounting even when stdout is backed up.
      process.stderr.write(`${JSON.stringify({ event: 'logger_final', process: config.process, ...log.stats() })}\n`);
    })());
  return { config, stop };
}

const EXIT_DEADLINE_MS = 1_000;

function exitWhenIdle(code: number): void {
  process.exitCode = code;
  setTimeout(() => process.exit(code), EXIT_DEADLINE_MS).unref();
}

/**
 * The whole of an app's main: run the process, stop cleanly on SIGTERM/SIGINT, and exit
 * non-zero with one clear line on stderr if it cannot start (bad config, port in use...).
 */
export function main(linked: readonly ModuleDefinition[]): void {
  exitWhenSupervisorDies();
  runProcess(linked).then(
    (running) => {
      // Once stopped, the process ends when nothing is left to do (a profiler's preload may
      // still be writing its output: clinic's heap profiler, doctor's beforeExit flush), and
      // at the latest EXIT_DEADLINE_MS later (a write to a stalled stdout never completes).
      const shutdown = () => {
        running.stop().then(
          () => exitWhenIdle(0),
          () => exitWhenIdle(1),
        );
      };
      process.once('SIGTERM', shutdown);
      process.once('SIGINT', shutdown);
    },
    (error: unknown) => {
      process.stderr.write(`paybench: process failed to start: ${(error as Error).message}\n`);
      process.exit(1);
    },
  );
}
