import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import {
  FORWARDER_CONFIG_ENV,
  FORWARDER_READY_EVENT,
  ForwarderClient,
  type ConfigPatch,
  type ForwarderConfig,
  type ForwarderReady,
  type ForwarderStats,
} from '@paybench/platform-log-forwarder';
import { LIFELINE_FD_ENV } from '@paybench/platform-topology';
import { locateApp } from './locate-app.js';

export type ForwarderSettings = Omit<ForwarderConfig, 'host' | 'dataPort' | 'controlPort'>;

/** What the runtime asks of a forwarder while it runs: the built-in's control API, or the same over syslog-ng. */
export interface ForwarderControl {
  stats(): Promise<ForwarderStats>;
  setConfig(patch: ConfigPatch): Promise<ForwarderConfig>;
  close(): Promise<void>;
}

/**
 * The node-level log forwarder as a supervised child: the built-in one, or syslog-ng in front of a built-in one
 * acting as its destination (see syslog-ng/syslog-ng-forwarder.ts). Callers cannot tell them apart.
 */
export interface ForwarderProcess {
  /** Which forwarder the drivers feed. */
  readonly kind: 'builtin' | 'syslog-ng';
  /** Where the drivers connect, and how they frame lines there. */
  readonly dataPort: number;
  readonly framing: 'ndjson' | 'rfc5424';
  /** The built-in forwarder's control port (with syslog-ng: its destination's). */
  readonly controlPort: number;
  readonly client: ForwarderControl;
  readonly pid: number | undefined;
  /** How it ended, once it has: it is meant to run until stop(), and its counts go with it. */
  readonly exited: { readonly code: number | null; readonly signal: NodeJS.Signals | null } | undefined;
  /** The tail of its stderr, with the supervisor's own notes (e.g. a log file it could not write). */
  stderr(): string;
  stop(graceMs?: number): Promise<void>;
}

const STDERR_TAIL_CHARS = 4096;

export async function startForwarderProcess(
  settings: ForwarderSettings,
  options: { logDir: string; cpuList?: string | null },
): Promise<ForwarderProcess> {
  const config: ForwarderConfig = { host: '127.0.0.1', dataPort: 0, controlPort: 0, ...settings };
  const script = locateApp('log-forwarder');
  const [command, args] = options.cpuList
    ? ['taskset', ['-c', options.cpuList, process.execPath, script]]
    : [process.execPath, [script]];
  const child = spawn(command as string, args as string[], {
    env: { ...process.env, [FORWARDER_CONFIG_ENV]: JSON.stringify(config), [LIFELINE_FD_ENV]: '3' },
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    // Out of reach of a terminal's Ctrl-C, like every supervised process: the supervisor stops it.
    detached: true,
  });
  const stderrFile = createWriteStream(join(options.logDir, 'log-forwarder.stderr.log'));
  let stderr = '';
  // A log file that cannot be written (a full disk) is noted, not thrown: the forwarder runs on.
  stderrFile.on(
    'error',
    (error) => (stderr += `\n[supervisor] cannot write log-forwarder.stderr.log: ${error.message}\n`),
  );
  child.stderr?.on('data', (chunk: Buffer) => {
    if (stderrFile.writable) stderrFile.write(chunk);
    stderr = (stderr + chunk.toString()).slice(-STDERR_TAIL_CHARS);
  });
  let exited: ForwarderProcess['exited'];
  child.once('exit', (code, signal) => (exited = { code, signal }));
  const ready = await readyLine(child, () => stderr);
  const client = new ForwarderClient(ready.controlPort);
  return {
    kind: 'builtin',
    dataPort: ready.dataPort,
    framing: 'ndjson',
    controlPort: ready.controlPort,
    client,
    pid: child.pid,
    get exited() {
      return exited;
    },
    stderr: () => stderr.trim(),
    stop: async (graceMs = 3_000) => {
      await client.close();
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        await once(child, 'exit');
        clearTimeout(timer);
      }
      stderrFile.end();
    },
  };
}

async function readyLine(child: ChildProcess, stderr: () => string): Promise<ForwarderReady> {
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const exited = once(child, 'exit').then(() => {
    throw new Error(`the log-forwarder exited before it was ready: ${stderr().trim() || '(no stderr)'}`);
  });
  const first = once(lines, 'line').then(([line]) => JSON.parse(line as string) as ForwarderReady);
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error('the log-forwarder was not ready within 10 s')), 10_000).unref(),
  );
  try {
    const ready = await Promise.race([first, exited, timeout]);
    if (ready.event !== FORWARDER_READY_EVENT)
      throw new Error(`unexpected first line from the log-forwarder: ${JSON.stringify(ready)}`);
    return ready;
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  } finally {
    lines.close();
    // Anything after the ready line is diagnostic; keep the pipe drained so the forwarder never blocks on it.
    child.stdout?.resume();
  }
}
