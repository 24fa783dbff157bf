// What `paybench up --host 0.0.0.0` opens to the network: the public API, and nothing internal.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { createInterface } from 'node:readline';
import { tokenFor } from '@paybench/payments-dataset';
import { afterEach, describe, expect, it } from 'vitest';
import { within } from './support/background-load.js';
import { CLI } from './support/paybench-cli.js';
import { goodConsumer, post, purchase } from './support/purchases.js';
import { CONSUMERS, SEED } from './support/start-system.js';
import { freshBasePort } from './support/ports.js';

const SECRET = 'a-test-deployment-secret-of-more-than-32-bytes';
const started: ChildProcess[] = [];

// Whatever a test asserted, no `paybench up` it started outlives it (its children die with it).
afterEach(async () => {
  for (const child of started.splice(0)) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    const exited = once(child, 'exit');
    child.kill('SIGINT');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
});

function spawnUp(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, [CLI, 'up', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
  started.push(child);
  return child;
}

/** Runs `paybench up` that is expected to refuse to start: its exit code and stderr. */
async function refusedUp(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stderr: string }> {
  const child = spawnUp(args, env);
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d));
  child.stdout?.resume();
  // 'close': exited and every byte of its stderr read. A `up` that starts instead is killed by afterEach.
  const closed = once(child, 'close').then(() => true);
  const timedOut = new Promise<false>((resolve) => setTimeout(() => resolve(false), 30_000).unref());
  return { code: (await Promise.race([closed, timedOut])) ? child.exitCode : null, stderr };
}

/** The environment without any token secret: the published development secret applies. */
function envWithSecret(secret: string | undefined): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env['PAYBENCH_AUTH_SECRET'];
  return secret === undefined ? env : { ...env, PAYBENCH_AUTH_SECRET: secret };
}

async function startUp(args: string[], env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = spawnUp(args, env);
  const output: string[] = [];
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => output.push(line));
  child.stderr?.on('data', (d: Buffer) => output.push(d.toString()));
  const ready = async () => output.some((l) => l.includes('Press Ctrl-C to stop.')) || child.exitCode !== null;
  const up = await within(60_000, ready, 100);
  if (up === null || child.exitCode !== null) throw new Error(`paybench up did not start:\n${output.join('\n')}`);
  return child;
}

/** This machine's first address other hosts could use to reach it. */
function networkAddress(): string | undefined {
  return Object.values(networkInterfaces())
    .flat()
    .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
}

/** Whether a TCP connection to host:port is accepted. */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 2_000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/** The local addresses listening on a TCP port, as `ss -ltn` shows them. */
function listeningAddresses(port: number): string[] {
  const lines = execFileSync('ss', ['-Hltn', `sport = :${port}`], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .filter(Boolean);
  return lines.map((line) => line.trim().split(/\s+/)[3] as string);
}

const basePort = freshBasePort;

describe('paybench up --host 0.0.0.0', () => {
  it('serves the public API to the network; internal listeners stay on loopback and answer only the deployment', async () => {
    const port = basePort();
    const args = [
      '--topology',
      'microservices',
      '--host',
      '0.0.0.0',
      '--port',
      String(port),
      '--consumers',
      String(CONSUMERS),
    ];
    await startUp(args, envWithSecret(SECRET));
    const internalPorts = [100, 101, 102, 103, 104].map((offset) => port + offset);

    // Bound where they should be: the public port on every address, the internal ports on loopback only.
    expect(listeningAddresses(port)).toEqual([`0.0.0.0:${port}`]);
    for (const internal of internalPorts) expect(listeningAddresses(internal)).toEqual([`127.0.0.1:${internal}`]);
    const address = networkAddress();
    if (address) {
      expect(await accepts(address, port)).toBe(true);
      for (const internal of internalPorts)
        expect(await accepts(address, internal), `${address}:${internal}`).toBe(false);
    }

    // Even from this machine, an internal listener answers nobody without the deployment's secret.
    const orders = `http://127.0.0.1:${port + 103}`;
    const forged = { consumerId: 'c-000001', riskScore: 0, amount: 1, currency: 'SEK', market: 'SE' };
    const createOrder = await fetch(`${orders}/rpc/orders/createOrder`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(forged),
    });
    expect(createOrder.status).toBe(401);
    expect(await createOrder.json()).toMatchObject({ error: { code: 'internal_auth_required' } });
    for (const path of ['/metrics', '/stats/logging', '/stats/resilience', '/stats/sample', '/healthz']) {
      expect((await fetch(`${orders}${path}`)).status, path).toBe(401);
      const wrong = await fetch(`${orders}${path}`, { headers: { 'x-paybench-internal': 'f'.repeat(64) } });
      expect(wrong.status, path).toBe(403);
    }
    const profile = await fetch(`${orders}/profile/cpu/start`, { method: 'POST' });
    expect(profile.status).toBe(401);

    // The real flow still works end to end: readiness (each process probes its peers' internal
    // /healthz) and a checkout through four internal hops, with a token signed by the configured secret.
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
    const token = tokenFor(SEED, goodConsumer('SE'), SECRET);
    const checkout = await post(`http://127.0.0.1:${port}`, purchase('SE', 'pay_now', { consumerToken: token }));
    expect(checkout.status, JSON.stringify(checkout.body)).toBe(201);
  });

  it('refuses to serve the network with the published development secret, naming the reason', async () => {
    const args = ['--topology', 'monolith', '--host', '0.0.0.0', '--port', String(basePort())];
    for (const secret of [undefined, '']) {
      const { code, stderr } = await refusedUp(args, envWithSecret(secret));
      expect(code, stderr).toBe(2);
      expect(stderr).toMatch(
        /refusing to bind the public API to 0\.0\.0\.0 with the published development token secret/,
      );
      expect(stderr).toMatch(/PAYBENCH_AUTH_SECRET[\s\S]*--allow-dev-secret-on-network/);
    }
  });

  it('refuses a token secret under 32 bytes, naming the variable', async () => {
    const { code, stderr } = await refusedUp(['--port', String(basePort())], envWithSecret('short'));
    expect(code, stderr).toBe(2);
    expect(stderr).toMatch(/PAYBENCH_AUTH_SECRET is 5 bytes long; a token secret must be at least 32 bytes/);
  });
});
