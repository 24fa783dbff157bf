import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startTopology } from '@paybench/platform-runtime';
import { BUILT_IN_TOPOLOGIES, loadTopology, resolveTopology } from '@paybench/platform-topology';
import { Option, type Command } from 'commander';
import { deploymentSettings } from '../deployment-settings.js';
import { EXIT } from '../exit-codes.js';
import { integerIn } from '../parse-options.js';

interface UpOptions {
  topology: string;
  host: string;
  port: number;
  dataDir?: string;
  seed: number;
  consumers: number;
  loggerMode: 'sync' | 'async';
}

export function registerUp(program: Command): void {
  program
    .command('up')
    .description('start a deployment of the payment system on this machine and keep it running until Ctrl-C')
    .option('-t, --topology <name|file.json>', `built-in (${Object.keys(BUILT_IN_TOPOLOGIES).join(', ')}) or a topology file`, 'monolith')
    .option('--host <address>', 'address to bind (loopback by default)', '127.0.0.1')
    .option('-p, --port <port>', 'public API port (the entry process); other processes take the next ports, internal RPC ports are +100', integerIn(1024, 65000), 3000)
    .option('--data-dir <dir>', 'keep the databases and process logs here (default: a temporary directory removed on exit)')
    .option('--seed <n>', 'seed of the generated consumers and funding sources', integerIn(0, 2 ** 31), 42)
    .option('--consumers <n>', 'number of seeded consumers', integerIn(1, 1_000_000), 1000)
    .addOption(new Option('--logger-mode <mode>', 'how processes write logs: sync blocks on a full pipe, async buffers in memory').choices(['sync', 'async']).default('async'))
    .addHelpText(
      'after',
      `
Examples:
  npm start -- --topology monolith
  npm start -- --topology microservices --port 4000
  npm start -- --topology ./my-partition.json --data-dir ./tmp/run1

Then, from another terminal:
  curl -H 'content-type: application/json' -d @examples/checkout.json http://127.0.0.1:3000/v1/checkout`,
    )
    .action(async (options: UpOptions) => {
      process.exitCode = await up(options);
    });
}

async function up(options: UpOptions): Promise<number> {
  const spec = loadTopology(options.topology);
  const dataDir = options.dataDir ? resolve(options.dataDir) : mkdtempSync(join(tmpdir(), `paybench-${spec.name}-`));
  const topology = resolveTopology(spec, { host: options.host, basePort: options.port, dataDir });
  process.stdout.write(`starting ${topology.name} (${topology.processes.length} process${topology.processes.length > 1 ? 'es' : ''}) on Node ${process.version}...\n`);

  let failed: ((code: number) => void) | undefined;
  const finished = new Promise<number>((resolveExit) => (failed = resolveExit));
  const running = await startTopology(topology, {
    settings: deploymentSettings(options),
    logger: { mode: options.loggerMode, level: 'info' },
    logDir: join(dataDir, 'logs'),
    onUnexpectedExit: (name, info, stderr) => {
      process.stderr.write(`process "${name}" exited unexpectedly (code ${info.code ?? '-'}, signal ${info.signal ?? '-'})\n${stderr}\n`);
      failed?.(EXIT.failed);
    },
  });

  printAddresses(topology, dataDir);
  process.once('SIGINT', () => failed?.(EXIT.ok));
  process.once('SIGTERM', () => failed?.(EXIT.ok));
  const code = await finished;
  process.stdout.write('stopping...\n');
  const results = await running.stop();
  for (const [name, result] of Object.entries(results)) {
    if (result.killed) process.stdout.write(`  ${name} ignored SIGTERM and was killed\n`);
  }
  if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
  return code;
}

function printAddresses(topology: ReturnType<typeof resolveTopology>, dataDir: string): void {
  const lines = [
    `${topology.name} is up. Public API (entry process "${topology.entry.name}"):`,
    `  POST ${topology.entry.url}/v1/checkout`,
    `  GET  ${topology.entry.url}/v1/orders/:id`,
    `  GET  ${topology.entry.url}/readyz`,
    'Processes:',
    ...topology.processes.map((p) => `  ${p.name.padEnd(10)} ${p.url.padEnd(24)} internal ${p.internalUrl.padEnd(24)} modules: ${p.modules.join(', ')}`),
    `Data and process logs: ${dataDir}`,
    'Press Ctrl-C to stop.',
  ];
  process.stdout.write(lines.join('\n') + '\n');
}
