import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PROCESS_CONFIG_ENV, processConfigFor, type ProcessConfig, type ResolvedProcess, type ResolvedTopology } from '@paybench/platform-topology';
import { locateApp } from './locate-app.js';
import { SupervisedProcess, type ExitInfo } from './supervised-process.js';
import { waitForHttp } from './wait-for-http.js';

export interface StartOptions {
  readonly settings: ProcessConfig['settings'];
  readonly logger?: ProcessConfig['logger'];
  readonly callTimeoutMs?: number;
  /** Where process output goes (`<name>.stdout.log`, `<name>.stderr.log`). */
  readonly logDir: string;
  readonly readyTimeoutMs?: number;
  /** Called when a process exits while the topology is meant to be running. */
  readonly onUnexpectedExit?: (name: string, info: ExitInfo, stderr: string) => void;
}

export interface RunningTopology {
  readonly topology: ResolvedTopology;
  readonly processes: ReadonlyMap<string, SupervisedProcess>;
  /** Stops every process (SIGTERM, SIGKILL after the grace period) and reports how each ended. */
  stop(graceMs?: number): Promise<Record<string, ExitInfo & { killed: boolean }>>;
}

/**
 * Starts every process of a topology the way a container runtime would, waits until each
 * answers its liveness probe and the entry process reports ready, and returns a handle to stop
 * them. If any process fails to start, the others are stopped and the error names the process
 * and quotes its stderr.
 */
export async function startTopology(topology: ResolvedTopology, options: StartOptions): Promise<RunningTopology> {
  mkdirSync(options.logDir, { recursive: true });
  const processes = new Map<string, SupervisedProcess>();
  let stopping = false;

  const stop = async (graceMs = 5_000) => {
    stopping = true;
    const results = await Promise.all([...processes.values()].map(async (p) => [p.name, await p.stop(graceMs)] as const));
    return Object.fromEntries(results);
  };

  try {
    for (const resolved of topology.processes) {
      const supervised = spawnProcess(topology, resolved, options);
      processes.set(resolved.name, supervised);
      void supervised.exited.then((info) => {
        if (!stopping) options.onUnexpectedExit?.(resolved.name, info, supervised.stderr());
      });
    }
    const timeoutMs = options.readyTimeoutMs ?? 30_000;
    await Promise.all(
      topology.processes.map((p) => waitForHttp(`${p.url}/healthz`, { timeoutMs, process: processes.get(p.name) as SupervisedProcess })),
    );
    await waitForHttp(`${topology.entry.url}/readyz`, { timeoutMs, process: processes.get(topology.entry.name) as SupervisedProcess });
  } catch (error) {
    await stop(2_000);
    throw error;
  }
  return { topology, processes, stop };
}

function spawnProcess(topology: ResolvedTopology, resolved: ResolvedProcess, options: StartOptions): SupervisedProcess {
  const config = processConfigFor(topology, resolved, {
    settings: options.settings,
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.callTimeoutMs ? { callTimeoutMs: options.callTimeoutMs } : {}),
  });
  return new SupervisedProcess({
    name: resolved.name,
    script: locateApp(resolved.app),
    env: { [PROCESS_CONFIG_ENV]: JSON.stringify(config) },
    logDir: join(options.logDir),
  });
}
