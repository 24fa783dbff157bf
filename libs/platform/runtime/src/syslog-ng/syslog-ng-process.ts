import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { accessSync, constants, createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { LIFELINE_FD_ENV } from '@paybench/platform-topology';
import { groupLauncher } from '../group-launcher.js';
import { syslogNgConfig, type SyslogNgSettings } from './syslog-ng-config.js';
import { parseSyslogNgStats, type SyslogNgQueueStats } from './syslog-ng-stats.js';

const run = promisify(execFile);
const READY_TIMEOUT_MS = 10_000;
const STDERR_TAIL_CHARS = 4096;

/** A running syslog-ng, started for one topology: its port, its counters, and how to stop it. */
export interface SyslogNgProcess {
  readonly port: number;
  readonly pid: number | undefined;
  readonly exited: { readonly code: number | null; readonly signal: NodeJS.Signals | null } | undefined;
  /** Per program, in the order of `programs`: read with syslog-ng-ctl. */
  stats(): Promise<SyslogNgQueueStats[]>;
  stderr(): string;
  stop(graceMs?: number): Promise<void>;
}

/** Debian installs syslog-ng in /usr/sbin, which a user's PATH often lacks. */
export function findBinary(name: string): string | null {
  const dirs = [...(process.env['PATH'] ?? '').split(delimiter), '/usr/sbin', '/sbin', '/usr/local/sbin'];
  for (const dir of dirs.filter(Boolean)) {
    try {
      accessSync(join(dir, name), constants.X_OK);
      return join(dir, name);
    } catch {
      // not here
    }
  }
  return null;
}

const NOT_INSTALLED =
  "syslog-ng is not installed (looked for syslog-ng and syslog-ng-ctl in PATH and /usr/sbin): install Debian's " +
  'package syslog-ng-core (`sudo apt-get install syslog-ng-core`), or use the built-in forwarder (kind: builtin)';

/**
 * Starts Debian's syslog-ng in the foreground, in a process group of its own led by the process-group launcher,
 * which holds the supervisor's lifeline (syslog-ng cannot): if the supervisor dies, even by SIGKILL, syslog-ng goes
 * with it. Its configuration, persist file, pid file and control socket live in a fresh directory removed at
 * stop. Ready once its source port accepts a connection.
 */
export async function startSyslogNg(
  settings: Omit<SyslogNgSettings, 'listenPort'>,
  options: { logDir: string; cpuList?: string | null },
): Promise<SyslogNgProcess> {
  const binary = findBinary('syslog-ng');
  const ctl = findBinary('syslog-ng-ctl');
  if (!binary || !ctl) throw new Error(NOT_INSTALLED);
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'paybench-syslog-ng-'));
  const control = join(dir, 'ctl');
  writeFileSync(join(dir, 'syslog-ng.conf'), syslogNgConfig({ ...settings, listenPort: port }));
  const command = [
    binary,
    '--foreground',
    '--no-caps',
    '--stderr',
    `--cfgfile=${join(dir, 'syslog-ng.conf')}`,
    `--persist-file=${join(dir, 'persist')}`,
    `--pidfile=${join(dir, 'pid')}`,
    `--control=${control}`,
  ];
  const pinned = options.cpuList ? ['taskset', '-c', options.cpuList, ...command] : command;
  const child = spawn(process.execPath, [groupLauncher(), 'SIGTERM', '--', ...pinned], {
    env: { ...process.env, [LIFELINE_FD_ENV]: '3' },
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const stderrFile = createWriteStream(join(options.logDir, 'syslog-ng.stderr.log'));
  stderrFile.on('error', () => undefined);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    if (stderrFile.writable) stderrFile.write(chunk);
    stderr = (stderr + chunk.toString()).slice(-STDERR_TAIL_CHARS);
  });
  let exited: SyslogNgProcess['exited'];
  child.once('exit', (code, signal) => (exited = { code, signal }));
  const stop = async (graceMs = 3_000) => {
    if (child.exitCode === null && child.signalCode === null) {
      // The whole group: the launcher passes the signal on, syslog-ng flushes what it can and exits.
      try {
        process.kill(-(child.pid as number), 'SIGTERM');
      } catch {
        // already gone
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-(child.pid as number), 'SIGKILL');
        } catch {
          // already gone
        }
      }, graceMs);
      await once(child, 'exit');
      clearTimeout(timer);
    }
    stderrFile.end();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitForPort(
      port,
      () => exited,
      () => stderr,
    );
  } catch (error) {
    await stop(500);
    throw error;
  }
  return {
    port,
    pid: child.pid,
    get exited() {
      return exited;
    },
    stderr: () => stderr.trim(),
    stop,
    async stats() {
      const { stdout } = await run(ctl, ['stats', `--control=${control}`], { timeout: 2_000 });
      return parseSyslogNgStats(stdout, settings.programs.length);
    },
  };
}

/** A port the kernel just handed out: syslog-ng cannot listen on port 0 and tell which it got. */
async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

async function waitForPort(port: number, exited: () => SyslogNgProcess['exited'], stderr: () => string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    const gone = exited();
    if (gone) {
      throw new Error(
        `syslog-ng exited during start-up (code ${gone.code ?? '-'}, signal ${gone.signal ?? '-'}): ` +
          (stderr().trim() || '(no stderr)'),
      );
    }
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`syslog-ng did not listen on port ${port} within 10 s: ${stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
