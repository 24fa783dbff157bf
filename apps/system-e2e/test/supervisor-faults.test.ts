// The supervisor when things go wrong around it: overlapping restarts of one process, a
// log-forwarder that dies, log files it cannot write. Real processes on real ports.
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEV_AUTH_SECRET } from '@paybench/payments-dataset';
import { locateApp, startTopology, type RunningTopology } from '@paybench/platform-runtime';
import { resolveTopology } from '@paybench/platform-topology';
import { afterEach, describe, expect, it } from 'vitest';
import { answers, startBackgroundLoad, within } from './support/background-load.js';
import { alive } from './support/processes.js';
import { CONSUMERS, paymentTopology, SEED, startSystem, type System } from './support/start-system.js';
import { freshBasePort } from './support/ports.js';

let system: System | undefined;
afterEach(async () => {
  await system?.stop();
  system = undefined;
});

/** This test process's children running `script`, by their command lines. */
function childrenRunning(script: string): number[] {
  return execFileSync('ps', ['-e', '-o', 'pid=,ppid=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((row) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(row))
    .filter(
      (m): m is RegExpExecArray => m !== null && Number(m[2]) === process.pid && (m[3] as string).includes(script),
    )
    .map((m) => Number(m[1]));
}

describe('the supervisor', () => {
  it('serialises overlapping restarts of one process: one live child, the one it tracks, and none after stop()', async () => {
    system = await startSystem('monolith');
    const running = system.running;
    const script = locateApp('monolith');
    const before = running.processes.get('monolith')?.pid;

    await Promise.all([running.restart('monolith'), running.restart('monolith'), running.restart('monolith')]);
    const tracked = running.processes.get('monolith')?.pid;
    expect(tracked).not.toBe(before);
    expect(await answers(`${system.url}/healthz`)).toBe(true);
    const live = childrenRunning(script).filter(alive);
    expect(live).toEqual([tracked]);

    // A restart still under way when stop() begins: stop() waits for it, and nothing survives.
    const late = running.restart('monolith').catch((error: unknown) => error);
    const seen = new Set([...childrenRunning(script), tracked as number]);
    await system.stop();
    system = undefined;
    await late;
    for (const pid of childrenRunning(script)) seen.add(pid);
    expect([...seen].filter(alive)).toEqual([]);
  });

  it('reports a log-forwarder that died: the accounting does not hold and claims nothing the forwarder knew', async () => {
    system = await startSystem('monolith', {
      logger: { mode: 'sync' },
      logPipeline: { driver: { mode: 'non-blocking' }, forwarder: { whenFull: 'drop_newest' } },
    });
    const running = system.running;
    const load = startBackgroundLoad(system.url);
    const healthy = await within(30_000, async () =>
      (await running.logAccounting()).processes.some((a) => (a.delivered ?? 0) > 100),
    );
    expect(healthy).not.toBeNull();
    process.kill(running.forwarder?.pid as number, 'SIGKILL');
    await within(10_000, async () => running.forwarder?.exited !== undefined);
    await load.stop();

    const accounting = await running.logAccounting();
    expect(accounting).toMatchObject({
      holds: false,
      settled: false,
      forwarderError: expect.stringMatching(/log-forwarder exited .*SIGKILL/),
    });
    for (const account of accounting.processes) {
      expect(account).toMatchObject({ delivered: null, lostOnConnection: null, holds: false });
      expect(account.problems.join('; ')).toMatch(/lines handed to the log-forwarder cannot be accounted for/);
    }
  });

  it('reports a process that dies while starting (a port taken) as the start error, never as an unexpected exit', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'paybench-e2e-porttaken-'));
    const blocker = createServer();
    const basePort = freshBasePort();
    // The internal port of the monolith, held by a plain TCP server: the process exits with EADDRINUSE.
    await new Promise<void>((resolve) => blocker.listen(basePort + 100, '127.0.0.1', resolve));
    const unexpected: string[] = [];
    try {
      const started = startTopology(resolveTopology(paymentTopology('monolith'), { basePort, dataDir }), {
        settings: { seed: SEED, consumers: CONSUMERS, authSecret: DEV_AUTH_SECRET },
        logDir: join(dataDir, 'logs'),
        onUnexpectedExit: (name) => unexpected.push(name),
      });
      await expect(started).rejects.toThrow(/monolith.*(already in use|exited)/s);
      // Had it been reported, a benchmark that then started on other ports would call its cell invalid.
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(unexpected).toEqual([]);
    } finally {
      blocker.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('runs on when it cannot write log files, and says so', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'paybench-e2e-logfiles-'));
    const logDir = join(dataDir, 'logs');
    // Directories where the log files should go: opening them fails (EISDIR), as a full or broken disk would.
    mkdirSync(join(logDir, 'monolith.stderr.log'), { recursive: true });
    mkdirSync(join(logDir, 'log-forwarder.stderr.log'));
    let running: RunningTopology | undefined;
    try {
      for (let attempt = 1; !running; attempt++) {
        // Ports from a random block; another run on this machine may hold one: then another block.
        const basePort = freshBasePort();
        running = await startTopology(resolveTopology(paymentTopology('monolith'), { basePort, dataDir }), {
          settings: { seed: SEED, consumers: CONSUMERS, authSecret: DEV_AUTH_SECRET },
          logDir,
        }).catch((error: unknown) => {
          if (attempt >= 3 || !/already in use|nonce mismatch/.test(String(error))) throw error;
          return undefined;
        });
      }
      const monolith = running.processes.get('monolith');
      const forwarder = running.forwarder;
      await within(
        10_000,
        async () => (monolith?.logFileErrors().length ?? 0) > 0 && /cannot write/.test(forwarder?.stderr() ?? ''),
      );
      expect(monolith?.logFileErrors().join('; ')).toMatch(/cannot write monolith\.stderr\.log: .*EISDIR/);
      expect(forwarder?.stderr()).toMatch(/cannot write log-forwarder\.stderr\.log: .*EISDIR/);
      expect(await answers(`${running.topology.entry.url}/healthz`)).toBe(true);
      expect(monolith?.hasExited).toBeUndefined();
      expect(forwarder?.exited).toBeUndefined();
    } finally {
      await running?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
