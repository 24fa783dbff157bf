import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { TOPOLOGIES_FILE } from '@paybench/payments-dataset';
import { resiliencePreset, resiliencePresetNames } from '@paybench/platform-resilience';
import { serveRuntimeControl, startTopology, type LogDriverMode } from '@paybench/platform-runtime';
import {
  builtInTopologyNames,
  isLoopbackHost,
  loadTopology,
  loadTopologyCatalog,
  LOGGER_MODES,
  resolveTopology,
  type ResolvedTopology,
} from '@paybench/platform-topology';
import { Option, type Command } from 'commander';
import { AUTH_SECRET_ENV, deploymentSettings, resolveAuthSecret, type AuthSecret } from '../deployment-settings.js';
import { EXIT } from '../exit-codes.js';
import { integerIn } from '../parse-options.js';
import type { LoggingConfig } from '@paybench/bench-scenario';
import { writeUpTargets, type WrittenTargets } from './up-targets.js';

interface UpOptions {
  topology: string;
  host: string;
  internalHost: string;
  allowDevSecretOnNetwork?: boolean;
  port: number;
  controlPort?: number;
  dataDir?: string;
  seed: number;
  consumers: number;
  loggerMode: 'sync' | 'async' | 'async-bounded';
  loggerBuffer: number;
  logPipeline: boolean;
  driver: LogDriverMode;
  driverBuffer: number;
  forwarderWhenFull: 'block' | 'drop_newest';
  forwarderMaxEvents: number;
  resilience?: string;
  writeTargets?: string;
}

export function registerUp(program: Command): void {
  const builtIns = builtInTopologyNames(loadTopologyCatalog(TOPOLOGIES_FILE)).join(', ');
  program
    .command('up')
    .description('start a deployment of the payment system, with its log pipeline, and keep it running until Ctrl-C')
    .option('-t, --topology <name|file.json>', `built-in (${builtIns}) or a topology file`, 'monolith')
    .option(
      '--host <address>',
      `address the public API binds to (loopback by default; another needs ${AUTH_SECRET_ENV})`,
      '127.0.0.1',
    )
    .option(
      '--internal-host <address>',
      'address the internal listeners (module RPC, metrics, profiler) bind to; whatever the address, they answer only this deployment',
      '127.0.0.1',
    )
    .option(
      '--allow-dev-secret-on-network',
      'let a non-loopback --host serve the public API with the published development token secret (anyone can sign any token)',
    )
    .option(
      '-p, --port <port>',
      'public API port (the entry process); other processes take the next ports, internal RPC ports are +100',
      integerIn(1024, 64000),
      3000,
    )
    .option(
      '--control-port <port>',
      'runtime control API, always on 127.0.0.1 (default: port + 90)',
      integerIn(1024, 65000),
    )
    .option(
      '--data-dir <dir>',
      'keep the databases and process logs here (default: a temporary directory removed on exit)',
    )
    .option('--seed <n>', 'seed of the generated consumers and funding sources', integerIn(0, 2 ** 31), 42)
    .option('--consumers <n>', 'number of seeded consumers', integerIn(1, 1_000_000), 1000)
    .addOption(
      new Option(
        '--logger-mode <mode>',
        "the app's logger: sync stalls on a full pipe, async buffers without bound, async-bounded drops, off writes none",
      )
        .choices(LOGGER_MODES)
        .default('async'),
    )
    .option('--logger-buffer <bytes>', 'buffer bound of async-bounded', integerIn(1024, 2 ** 30), 1024 * 1024)
    .addOption(
      new Option(
        '--driver <mode>',
        'log driver: blocking (Docker default) stops reading when the forwarder pushes back; non-blocking drops the newest line',
      )
        .choices(['blocking', 'non-blocking'])
        .default('blocking'),
    )
    .option(
      '--driver-buffer <bytes>',
      "non-blocking driver's ring buffer (Docker's max-buffer-size)",
      integerIn(1024, 2 ** 30),
      1024 * 1024,
    )
    .addOption(
      new Option('--forwarder-when-full <policy>', "forwarder buffer policy (Vector's when_full)")
        .choices(['block', 'drop_newest'])
        .default('block'),
    )
    .option(
      '--forwarder-max-events <n>',
      "forwarder buffer size in events (Vector's default 500)",
      integerIn(1, 10_000_000),
      500,
    )
    .option('--no-log-pipeline', 'write stdout to files instead of shipping it through drivers to the forwarder')
    .addOption(
      new Option(
        '--resilience <preset>',
        'resilience policies around calls between processes (retries, breaker, bulkhead, fallbacks); default: none',
      ).choices(resiliencePresetNames()),
    )
    .option(
      '--write-targets <file>',
      'write a targets file of this deployment for `paybench run --target <file>` (its secrets beside it, owner-only); removed on exit',
    )
    .addHelpText(
      'after',
      `
Examples:
  npm start -- --topology monolith
  npm start -- --topology microservices --logger-mode sync --driver blocking --forwarder-when-full block
  npm start -- --topology ./my-partition.json --data-dir ./tmp/run1
  npm start -- --topology microservices --resilience resilient

Security: the public API binds to loopback unless --host says otherwise, and a non-loopback --host
is refused with the published development token secret unless ${AUTH_SECRET_ENV} is set (at least
32 bytes) or --allow-dev-secret-on-network is given. Internal listeners stay on 127.0.0.1 whatever
--host says (--internal-host opens them) and answer only calls carrying this deployment's secret, made
afresh at every start. The control API binds to 127.0.0.1 only and answers loopback Host names,
no foreign Origin, and application/json bodies only.

Then, from another terminal (port 3000, control on 3090 by default):
  curl -H 'content-type: application/json' -d @examples/checkout.json http://127.0.0.1:3000/v1/checkout
  curl -X PUT -H 'content-type: application/json' -d '{"sink":{"mode":"stall"}}' http://127.0.0.1:3090/logs/forwarder
  curl http://127.0.0.1:3090/logs/accounting

Run a scenario on it from another terminal (the runner then starts no process):
  npm start -- --topology monolith --logger-mode sync --driver non-blocking --forwarder-when-full drop_newest \\
    --write-targets /tmp/up.yaml
  npm run paybench -- run quick --target /tmp/up.yaml`,
    )
    .action(async (options: UpOptions) => {
      process.exitCode = await up(options);
    });
}

async function up(options: UpOptions): Promise<number> {
  const refuse = (reason: string) => {
    process.stderr.write(`${reason}\n`);
    return EXIT.usage;
  };
  const authSecret = resolveAuthSecret();
  if ('error' in authSecret) return refuse(authSecret.error);
  const refusal = networkRefusal(options, authSecret);
  if (refusal) return refuse(refusal);
  const spec = loadTopology(options.topology, loadTopologyCatalog(TOPOLOGIES_FILE));
  const dataDir = options.dataDir ? resolve(options.dataDir) : mkdtempSync(join(tmpdir(), `paybench-${spec.name}-`));
  const topology = resolveTopology(spec, {
    host: options.host,
    internalHost: options.internalHost,
    basePort: options.port,
    dataDir,
  });
  process.stdout.write(
    `starting ${topology.name} (${topology.processes.length} process${topology.processes.length > 1 ? 'es' : ''}) on Node ${process.version}...\n`,
  );

  let finish: ((code: number) => void) | undefined;
  const finished = new Promise<number>((resolveExit) => (finish = resolveExit));
  const running = await startTopology(topology, {
    settings: deploymentSettings(options, authSecret),
    logger: { mode: options.loggerMode, maxBufferBytes: options.loggerBuffer, level: 'info' },
    logPipeline: options.logPipeline
      ? {
          driver: { mode: options.driver, maxBufferBytes: options.driverBuffer },
          forwarder: { whenFull: options.forwarderWhenFull, maxEvents: options.forwarderMaxEvents },
        }
      : null,
    ...(options.resilience ? { resilience: resiliencePreset(options.resilience) } : {}),
    logDir: join(dataDir, 'logs'),
    onUnexpectedExit: (name, info, stderr) => {
      process.stderr.write(
        `process "${name}" exited unexpectedly (code ${info.code ?? '-'}, signal ${info.signal ?? '-'})\n${stderr}\n`,
      );
      finish?.(EXIT.failed);
    },
  });
  let control: Server | undefined;
  try {
    control = await serveRuntimeControl(running, options.controlPort ?? options.port + 90);
  } catch (error) {
    await running.stop();
    throw error;
  }
  const controlPort = (control.address() as { port: number }).port;
  printAddresses(topology, dataDir, controlPort, options);
  let written: WrittenTargets | undefined;
  if (options.writeTargets) {
    written = writeUpTargets(resolve(options.writeTargets), {
      running,
      logging: options.logPipeline ? loggingOf(options) : null,
      resilience: options.resilience ?? null,
      authSecret: authSecret.value,
      population: { seed: options.seed, consumers: options.consumers },
    });
    process.stdout.write(
      `Targets file (paybench run <scenario> --target ${written.file}): ${written.file}, secrets in ${written.secretsFile}\n`,
    );
  }
  process.once('SIGINT', () => finish?.(EXIT.ok));
  process.once('SIGTERM', () => finish?.(EXIT.ok));
  const code = await finished;
  process.stdout.write('stopping...\n');
  control.close();
  // The file would point at ports nobody answers on any more, and its secrets are this start's.
  if (written) for (const file of [written.file, written.secretsFile]) rmSync(file, { force: true });
  if (running.forwarder) {
    const accounting = await running.logAccounting().catch(() => undefined);
    if (accounting)
      process.stdout.write(
        `log lines: ${accounting.holds ? 'accounted for' : 'ACCOUNTING DOES NOT HOLD'}${accounting.settled ? '' : ' (some still in flight)'}\n`,
      );
  }
  const results = await running.stop();
  for (const [name, result] of Object.entries(results)) {
    if (result.killed) process.stdout.write(`  ${name} ignored SIGTERM and was killed\n`);
  }
  if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
  return code;
}

/** The logging configuration `up` runs, in a scenario's shape (its targets file states it). */
function loggingOf(options: UpOptions): Omit<LoggingConfig, 'name'> {
  return {
    logger: { mode: options.loggerMode, maxBufferBytes: options.loggerBuffer },
    driver: { mode: options.driver, maxBufferBytes: options.driverBuffer },
    forwarder: { whenFull: options.forwarderWhenFull, maxEvents: options.forwarderMaxEvents },
  };
}

/** Anyone can sign any token with the published development secret: it must not face a network by accident. */
function networkRefusal(options: UpOptions, authSecret: AuthSecret): string | null {
  if (!authSecret.isDevSecret || isLoopbackHost(options.host) || options.allowDevSecretOnNetwork) return null;
  return (
    `paybench up: refusing to bind the public API to ${options.host} with the published development token secret ` +
    `(anyone could sign any consumer's token): set ${AUTH_SECRET_ENV} to a secret of at least 32 bytes, ` +
    'or pass --allow-dev-secret-on-network'
  );
}

function printAddresses(topology: ResolvedTopology, dataDir: string, controlPort: number, options: UpOptions): void {
  const pipeline = options.logPipeline
    ? `logger ${options.loggerMode} -> driver ${options.driver} -> forwarder ${options.forwarderWhenFull} (${options.forwarderMaxEvents} events)`
    : `logger ${options.loggerMode} -> files (no log pipeline)`;
  const lines = [
    `${topology.name} is up. Public API (entry process "${topology.entry.name}"):`,
    `  POST ${topology.entry.url}/v1/checkout`,
    `  GET  ${topology.entry.url}/v1/orders/:id`,
    `  GET  ${topology.entry.url}/readyz`,
    'Processes:',
    ...topology.processes.map(
      (p) =>
        `  ${p.name.padEnd(10)} ${p.url.padEnd(24)} internal ${p.internalUrl.padEnd(24)} modules: ${p.modules.join(', ')}`,
    ),
    `Logs: ${pipeline}`,
    `Runtime control (loopback only): http://127.0.0.1:${controlPort}  (GET /logs/accounting, PUT /logs/forwarder, PUT /logs/drivers, POST /processes/<name>/restart)`,
    `Data and process stderr: ${dataDir}`,
    'Press Ctrl-C to stop.',
  ];
  process.stdout.write(lines.join('\n') + '\n');
}
