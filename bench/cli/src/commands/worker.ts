import { isLoopbackHost } from '@paybench/platform-topology';
import { InvalidArgumentError, type Command } from 'commander';
import { EXIT } from '../exit-codes.js';
import { listenForRunners } from '../run/workers/listen-for-runners.js';
import { parseWorkerAddress } from '../run/workers/remote-workers.js';

export const WORKER_TOKEN_ENV = 'PAYBENCH_WORKER_TOKEN';

interface WorkerOptions {
  listen: { host: string; port: number };
  token?: string;
}

export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description(
      'serve as a load generator worker for runners on other hosts (`run --workers`): it sends its slice of their ' +
        'open-loop schedules and returns raw per-second histograms',
    )
    .option(
      '--listen <host:port>',
      'address to accept runners on (port 0: any free port); loopback unless another address is given explicitly',
      listenArg,
      { host: '127.0.0.1', port: 7100 },
    )
    .option('--token <token>', `the secret every runner must present (default: env ${WORKER_TOKEN_ENV})`)
    .addHelpText(
      'after',
      `
A worker sends whatever load its runner asks for, to whatever address: an open one would be a load
amplifier anyone could point anywhere. So it requires a shared token (--token or ${WORKER_TOKEN_ENV}),
checked in the protocol's hello, binds loopback unless told otherwise, and serves one runner at a time.

Examples:
  ${WORKER_TOKEN_ENV}=s3cret npm run paybench -- worker --listen 0.0.0.0:7100     on each generator host
  ${WORKER_TOKEN_ENV}=s3cret npm run paybench -- run quick --workers hostA:7100,hostB:7100   on the runner

The protocol (newline-delimited JSON, zod-validated) is described in bench/load/src/workers/protocol.ts.`,
    )
    .action(async (options: WorkerOptions) => {
      process.exitCode = await serve(options);
    });
}

function listenArg(value: string): { host: string; port: number } {
  try {
    return parseWorkerAddress(value, { anyPort: true });
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

async function serve(options: WorkerOptions): Promise<number> {
  const token = options.token ?? process.env[WORKER_TOKEN_ENV];
  if (!token) {
    process.stderr.write(`a worker needs a shared token: --token or env ${WORKER_TOKEN_ENV}\n`);
    return EXIT.usage;
  }
  const { host, port } = options.listen;
  const say = (line: string) => process.stderr.write(`${line}\n`);
  const server = await listenForRunners(host, port, token, say);
  const bound = server.address() as { address: string; port: number };
  if (!isLoopbackHost(host)) say(`warning: listening beyond loopback, on ${host}: anyone with the token can drive it`);
  // One line on stdout, for scripts and tests that start a worker on port 0.
  process.stdout.write(`paybench worker listening on ${bound.address}:${bound.port}\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  server.close();
  return EXIT.ok;
}
