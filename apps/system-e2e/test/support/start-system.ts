import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEV_AUTH_SECRET, TOPOLOGIES_FILE } from '@paybench/payments-dataset';
import { startTopology, type RunningTopology, type StartOptions } from '@paybench/platform-runtime';
import { loadTopology, loadTopologyCatalog, resolveTopology, type TopologySpec } from '@paybench/platform-topology';
import { freshBasePort } from './ports.js';

export const SEED = 42;
export const CONSUMERS = 300;

/** A topology of the payment flow, built-in or from a file, loaded with its catalog as the bench does. */
export function paymentTopology(nameOrFile: string): TopologySpec {
  return loadTopology(nameOrFile, loadTopologyCatalog(TOPOLOGIES_FILE));
}

export interface System {
  readonly url: string;
  readonly running: RunningTopology;
  stop(): Promise<void>;
}

/**
 * Starts a topology as real processes on real ports, the way `paybench up` does, with a fresh
 * data directory, on ports of a random block of this worker's (see freshBasePort).
 */
export async function startSystem(
  topologyName: string,
  options: Pick<
    StartOptions,
    'logger' | 'logPipeline' | 'links' | 'callTimeoutMs' | 'onUnexpectedExit' | 'onRestartFailed' | 'resilience'
  > = {},
): Promise<System> {
  const dataDir = mkdtempSync(join(tmpdir(), `paybench-e2e-${topologyName}-`));
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const basePort = freshBasePort();
    const topology = resolveTopology(paymentTopology(topologyName), { basePort, dataDir });
    try {
      const running = await startTopology(topology, {
        settings: { seed: SEED, consumers: CONSUMERS, authSecret: DEV_AUTH_SECRET },
        logDir: join(dataDir, 'logs'),
        ...options,
      });
      return {
        url: topology.entry.url,
        running,
        stop: async () => {
          await running.stop();
          rmSync(dataDir, { recursive: true, force: true });
        },
      };
    } catch (error) {
      lastError = error;
      if (!/already in use/.test(String(error))) break;
    }
  }
  throw lastError;
}
