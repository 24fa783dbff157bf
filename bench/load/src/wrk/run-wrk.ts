import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The Debian package that provides wrk (named in the error when it is missing). */
export const WRK_PACKAGE = 'wrk';

/** wrk's version line, or null when wrk cannot be run here. */
export function wrkVersion(): string | null {
  const probe = spawnSync('wrk', ['-v'], { encoding: 'utf8', timeout: 5_000 });
  if (probe.error) return null;
  const line = `${probe.stdout ?? ''}${probe.stderr ?? ''}`.split('\n').find((l) => l.startsWith('wrk '));
  return line?.trim() ?? null;
}

export interface WrkRunOptions {
  /** Origin of the deployment's entry process (the script sets the path). */
  origin: string;
  /** The Lua script (see wrkScript). */
  script: string;
  connections: number;
  /** wrk threads: one per CPU of the load generator's pinning. */
  threads: number;
  durationMs: number;
  timeoutMs: number;
  /** taskset's CPU list, as the load generator is pinned; null: unpinned. */
  cpuList: string | null;
  signal?: AbortSignal;
}

/** wrk's figures, as its script's `done` printed them. */
export interface WrkFigures {
  requests: number;
  durationUs: number;
  errors: { connect: number; read: number; write: number; status: number; timeout: number };
  p50Us: number;
  p99Us: number;
}

/** Reads the script's `PAYBENCH_WRK {...}` line from wrk's output; null when there is none. */
export function parseWrkOutput(stdout: string): WrkFigures | null {
  const line = stdout.split('\n').find((l) => l.startsWith('PAYBENCH_WRK '));
  if (!line) return null;
  const raw = JSON.parse(line.slice('PAYBENCH_WRK '.length)) as Record<string, number>;
  const n = (key: string) => Number(raw[key] ?? 0);
  return {
    requests: n('requests'),
    durationUs: n('durationUs'),
    errors: { connect: n('connect'), read: n('read'), write: n('write'), status: n('status'), timeout: n('timeout') },
    p50Us: n('p50Us'),
    p99Us: n('p99Us'),
  };
}

/**
 * Runs wrk once with the script, pinned like the load generator: an argument array (no shell), the
 * script in a private temporary directory removed afterwards. Rejects with wrk's stderr when it fails.
 */
export async function runWrk(options: WrkRunOptions): Promise<WrkFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'paybench-wrk-'));
  const scriptFile = join(dir, 'requests.lua');
  writeFileSync(scriptFile, options.script, { mode: 0o600 });
  const seconds = Math.max(1, Math.round(options.durationMs / 1000));
  const timeout = Math.max(1, Math.ceil(options.timeoutMs / 1000));
  const wrkArgs = [
    ...['-t', String(options.threads), '-c', String(Math.max(options.connections, options.threads))],
    ...['-d', `${seconds}s`, '--timeout', `${timeout}s`, '-s', scriptFile, options.origin],
  ];
  const [command, ...args] = options.cpuList
    ? ['taskset', '-c', options.cpuList, 'wrk', ...wrkArgs]
    : ['wrk', ...wrkArgs];
  try {
    const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>(
      (resolve, reject) => {
        const child = spawn(command as string, args, { stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        let err = '';
        child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
        child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
        const stop = () => child.kill('SIGINT');
        options.signal?.addEventListener('abort', stop, { once: true });
        child.once('error', reject);
        child.once('close', (exitCode) => {
          options.signal?.removeEventListener('abort', stop);
          resolve({ code: exitCode, stdout: out, stderr: err });
        });
      },
    );
    const figures = parseWrkOutput(stdout);
    if (code !== 0 || !figures)
      throw new Error(`wrk failed (exit ${code ?? '-'}): ${(stderr || stdout).trim().slice(-500)}`);
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
