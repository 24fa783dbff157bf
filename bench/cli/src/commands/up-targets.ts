import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { Targets, type TargetFault } from '@paybench/bench-deploy';
import { writeFileAtomic } from '@paybench/bench-results';
import type { LoggingConfig } from '@paybench/bench-scenario';
import { INTERNAL_AUTH_HEADER } from '@paybench/platform-http';
import type { RunningTopology } from '@paybench/platform-runtime';
import { stringify } from 'yaml';

/** What `up` started, as its targets file states it. */
export interface UpDeployment {
  readonly running: RunningTopology;
  /** Null: no log pipeline (stdout to files). */
  readonly logging: Omit<LoggingConfig, 'name'> | null;
  readonly resilience: string | null;
  readonly authSecret: string;
  /** The seed and number of consumers the processes generated: the runner signs tokens for these. */
  readonly population: { readonly seed: number; readonly consumers: number };
}

/** The files `up --write-targets <file>` writes: the targets file, and beside it its secrets (owner-only). */
export interface WrittenTargets {
  readonly file: string;
  readonly secretsFile: string;
}

/**
 * Writes the targets file of a running `up` (for `paybench run --target`) and its secrets file: the internal
 * listeners' secret, made afresh at this start, and the token secret, readable by their owner only and referred
 * to by the targets file, never written into it. Both are removed when `up` stops (see removeTargets).
 */
export function writeUpTargets(file: string, deployment: UpDeployment): WrittenTargets {
  const secretsFile = join(dirname(file), `${basename(file).replace(/\.ya?ml$/, '')}.secrets.yaml`);
  const { running, logging } = deployment;
  const internal = running.internalHeaders()[INTERNAL_AUTH_HEADER] ?? '';
  writeFileAtomic(secretsFile, stringify({ internal, auth: deployment.authSecret }), { mode: 0o600 });
  const secret = (key: string) => ({ from: 'file' as const, path: basename(secretsFile), key });
  const { topology } = running;
  const pipeline = logging
    ? `logger ${logging.logger.mode}, driver ${logging.driver.mode}, forwarder ${logging.forwarder.whenFull}`
    : 'no log pipeline';
  // What the runner can apply through up's processes and forwarder; links need proxies up does not run, and a
  // crash needs the supervisor's restart, which only its control API reaches.
  const faults: TargetFault[] = [...(running.forwarder ? (['forwarder-sink', 'forwarder-when-full'] as const) : [])];
  faults.push('module-faults');
  const targets = Targets.parse({
    version: 1,
    description:
      `paybench up on ${hostname()}: topology ${topology.name}, ${pipeline}, ` +
      `resilience ${deployment.resilience ?? 'none'} (pid ${process.pid})`,
    topology: topology.name,
    entryUrl: topology.entry.url,
    internal: { header: INTERNAL_AUTH_HEADER, credential: secret('internal') },
    population: deployment.population,
    tokenSecret: secret('auth'),
    processes: topology.processes.map((p) => ({
      name: p.name,
      modules: [...p.modules],
      metricsUrl: `${p.internalUrl}/metrics`,
      internalUrl: p.internalUrl,
      publicUrl: p.url,
    })),
    ...(logging ? { logging } : {}),
    resilience: deployment.resilience,
    ...(running.forwarder
      ? {
          forwarder: {
            kind: 'paybench',
            controlUrl: `http://127.0.0.1:${running.forwarder.controlPort}`,
            // Loopback-only and guarded against browsers (controlGuard), with no credential of its own.
            credential: { from: 'none' },
          },
        }
      : {}),
    faults,
    notes: [`started by paybench up; every URL is on this machine and lives as long as that up (pid ${process.pid})`],
  });
  writeFileAtomic(file, `# written by paybench up: lives as long as it does\n${stringify(targets, { lineWidth: 0 })}`);
  return { file, secretsFile };
}
