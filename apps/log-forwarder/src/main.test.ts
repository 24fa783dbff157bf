// The built process, as the supervisor runs it: config in the environment, a ready line on
// stdout, stats over HTTP, a clean exit on SIGTERM.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { connect, createServer, type AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  FORWARDER_CONFIG_ENV,
  ForwarderClient,
  type ForwarderReady,
  type ForwarderStats,
} from '@paybench/platform-log-forwarder';

const MAIN = resolve(import.meta.dirname, '../dist/main.js');
const children: ChildProcessWithoutNullStreams[] = [];

function spawnForwarder(config: unknown): ChildProcessWithoutNullStreams {
  const env = { ...process.env, [FORWARDER_CONFIG_ENV]: typeof config === 'string' ? config : JSON.stringify(config) };
  const child = spawn(process.execPath, [MAIN], { env, stdio: 'pipe' });
  children.push(child);
  return child;
}

function config(overrides: Record<string, unknown> = {}) {
  return {
    host: '127.0.0.1',
    dataPort: 0,
    controlPort: 0,
    maxEvents: 500,
    whenFull: 'block',
    sink: { mode: 'normal' },
    ...overrides,
  };
}

async function readyLine(child: ChildProcessWithoutNullStreams): Promise<ForwarderReady> {
  const lines = createInterface({ input: child.stdout });
  const [line] = (await once(lines, 'line')) as [string];
  lines.close();
  return JSON.parse(line) as ForwarderReady;
}

async function exitOf(child: ChildProcessWithoutNullStreams): Promise<{ code: number | null; stderr: string }> {
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stderr };
}

/** Sends `count` pino-like lines of one source over one connection, then closes it. */
async function sendLines(port: number, proc: string, count: number): Promise<void> {
  const socket = connect(port, '127.0.0.1');
  await once(socket, 'connect');
  const lines = Array.from({ length: count }, (_, i) => JSON.stringify({ proc, seq: i + 1, msg: 'line' })).join('\n');
  await new Promise<void>((done) => socket.end(`${lines}\n`, done));
}

async function statsWhen(client: ForwarderClient, done: (s: ForwarderStats) => boolean): Promise<ForwarderStats> {
  for (let i = 0; i < 200; i++) {
    const stats = await client.stats();
    if (done(stats)) return stats;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the forwarder never reached the expected state');
}

beforeAll(() => {
  if (!existsSync(MAIN))
    throw new Error(`${MAIN} is missing: build the project first (nx run @paybench/log-forwarder:build)`);
});
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

describe('log-forwarder process (dist/main.js)', () => {
  it('announces its ports, forwards lines, serves stats and exits 0 on SIGTERM', async () => {
    const child = spawnForwarder(config());
    const exited = exitOf(child);
    const ready = await readyLine(child);
    expect(ready).toMatchObject({
      event: 'forwarder_ready',
      dataPort: expect.any(Number),
      controlPort: expect.any(Number),
    });

    await sendLines(ready.dataPort, 'monolith', 300);
    const client = new ForwarderClient(ready.controlPort);
    const stats = await statsWhen(client, (s) => s.totals.processed === 300);
    expect(stats.sources['monolith']).toMatchObject({ received: 300, processed: 300, lastSeq: 300, seqGaps: 0 });
    expect(stats.config).toMatchObject({ dataPort: ready.dataPort, controlPort: ready.controlPort });
    await client.close();

    child.kill('SIGTERM');
    expect((await exited).code).toBe(0);
  });

  it.each([
    ['a field out of range', config({ maxEvents: 0 }), /invalid PAYBENCH_FORWARDER_CONFIG: maxEvents: /],
    ['an unknown sink mode', config({ sink: { mode: 'turbo' } }), /invalid PAYBENCH_FORWARDER_CONFIG: sink\.mode: /],
    ['text that is not JSON', '{host:', /PAYBENCH_FORWARDER_CONFIG is not valid JSON/],
  ])('exits 1 with one clear line on stderr for %s', async (_name, bad, message) => {
    const { code, stderr } = await exitOf(spawnForwarder(bad));
    expect(code).toBe(1);
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it('exits 1 naming the address when the data port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((done) => blocker.listen(0, '127.0.0.1', done));
    const port = (blocker.address() as AddressInfo).port;
    try {
      const { code, stderr } = await exitOf(spawnForwarder(config({ dataPort: port })));
      expect(code).toBe(1);
      expect(stderr).toContain(`cannot listen on 127.0.0.1:${port}: the port is already in use`);
    } finally {
      blocker.close();
    }
  });
});
