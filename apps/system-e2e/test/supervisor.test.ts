// The runtime as a user meets it: `paybench up` started as a real process, driven through its
// control API, and killed without warning.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { answers, within } from './support/background-load.js';
import { CLI } from './support/paybench-cli.js';
import { alive } from './support/processes.js';
import { freshBasePort } from './support/ports.js';

let cli: ChildProcess | undefined;

afterEach(() => {
  if (cli && cli.exitCode === null) cli.kill('SIGKILL');
});

async function startUp(args: string[]): Promise<{ child: ChildProcess; output: string[]; stderr: () => string }> {
  // Its own process group, as a shell gives a foreground job: a terminal's Ctrl-C goes to the whole group.
  const child = spawn(process.execPath, [CLI, 'up', ...args], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  cli = child;
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d));
  const output: string[] = [];
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  lines.on('line', (line) => output.push(line));
  const up = await within(
    60_000,
    async () => output.some((l) => l.includes('Press Ctrl-C to stop.')) || child.exitCode !== null,
    100,
  );
  if (up === null || child.exitCode !== null) throw new Error(`paybench up did not start:\n${output.join('\n')}`);
  return { child, output, stderr: () => stderr };
}

function childrenOf(pid: number): number[] {
  try {
    return execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

const basePort = freshBasePort;

describe('paybench up', () => {
  it('leaves no child behind when the supervisor itself is killed with SIGKILL', async () => {
    const { child } = await startUp(['--topology', 'microservices', '--port', String(basePort())]);
    const children = childrenOf(child.pid as number);
    expect(children.length).toBe(6); // five services and the log-forwarder
    // Each leads a process group of its own (out of reach of a terminal's Ctrl-C): only the lifeline ties it to `up`.
    const groups = children.map((pid) =>
      Number(execFileSync('ps', ['-o', 'pgid=', '-p', String(pid)], { encoding: 'utf8' }).trim()),
    );
    expect(groups).toEqual(children);
    child.kill('SIGKILL');
    await once(child, 'exit');
    const goneAfterMs = await within(10_000, async () => children.every((pid) => !alive(pid)), 100);
    expect(goneAfterMs, `still alive: ${children.filter(alive).join(', ')}`).not.toBeNull();
  });

  it("changes the sink while running, reports the accounting, restarts a process and stops cleanly on a terminal's Ctrl-C", async () => {
    const port = basePort();
    const { child, stderr } = await startUp([
      '--topology',
      'extract-risk',
      '--port',
      String(port),
      '--control-port',
      String(port + 90),
      '--logger-mode',
      'sync',
    ]);
    const control = `http://127.0.0.1:${port + 90}`;
    const put = (path: string, body: unknown) =>
      fetch(`${control}${path}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });

    const changed = await put('/logs/forwarder', { sink: { mode: 'rate', eventsPerSecond: 1000 } });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toMatchObject({ sink: { mode: 'rate', eventsPerSecond: 1000 } });
    const invalid = await put('/logs/forwarder', { sink: { mode: 'warp' } });
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { error: { message: string } }).error.message).toMatch(/sink/);

    const accounting = (await (await fetch(`${control}/logs/accounting`)).json()) as {
      holds: boolean;
      processes: { process: string; emitted: number }[];
    };
    expect(accounting.holds).toBe(true);
    expect(accounting.processes.map((p) => p.process).sort()).toEqual(['core', 'risk']);
    expect(accounting.processes.every((p) => p.emitted > 0)).toBe(true);

    const restarted = await fetch(`${control}/processes/risk/restart`, { method: 'POST' });
    expect(restarted.status).toBe(200);
    expect(await answers(`http://127.0.0.1:${port}/readyz`)).toBe(true);
    expect((await fetch(`${control}/processes/nope/restart`, { method: 'POST' })).status).toBe(404);

    const children = childrenOf(child.pid as number);
    // SIGINT to the whole group, as a terminal sends it: only `up` acts on it, stopping its children itself.
    process.kill(-(child.pid as number), 'SIGINT');
    const [code] = (await once(child, 'exit')) as [number];
    expect(code, stderr()).toBe(0);
    expect(stderr()).not.toMatch(/exited unexpectedly/);
    expect(children.filter(alive)).toEqual([]);
  });

  it('exits 1 with a clear message when the port is taken', async () => {
    const { child } = await startUp(['--topology', 'monolith', '--port', String(basePort())]);
    const taken = (await (await fetch(`http://127.0.0.1:${childPortFrom(child)}/healthz`)).json()) as {
      process: string;
    };
    expect(taken.process).toBe('monolith');
    const second = spawn(
      process.execPath,
      [CLI, 'up', '--topology', 'monolith', '--port', String(childPortFrom(child))],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    second.stderr?.on('data', (d: Buffer) => (stderr += d));
    const [code] = (await once(second, 'exit')) as [number];
    expect(code).toBe(1);
    // The supervisor sees the other run's process answer (nonce mismatch) or its own fail to bind: either names the port.
    expect(stderr).toMatch(
      new RegExp(`${childPortFrom(child)}.*(already in use|answers as another process \\(nonce mismatch\\))`),
    );
  });
});

const ports = new WeakMap<ChildProcess, number>();
function childPortFrom(child: ChildProcess): number {
  const known = ports.get(child);
  if (known) return known;
  const port = Number((child.spawnargs[child.spawnargs.indexOf('--port') + 1] as string) ?? 0);
  ports.set(child, port);
  return port;
}
