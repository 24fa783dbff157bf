// Child processes of the machine measurements (calibrate and the floor): servers on the system under test's
// cores, one load generator process per measurement on the load generator's cores, none outliving the parent.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ClosedRung, OpenRung } from '@paybench/bench-results';
import type { CalibrationMessage, CalibrationStart } from './calibrate-worker.js';

const WORKER = fileURLToPath(new URL('./calibrate-worker.js', import.meta.url));
/** Beyond its planned time, a measurement that gives no result is stopped (SIGKILL). */
const GRACE_MS = 15_000;
const SERVER_START_TIMEOUT_MS = 10_000;

// Every child this process started, so that none outlives it, however it ends.
const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

/** A Node script as a child with an IPC channel, pinned with taskset to `cpuList` when given. */
export function spawnPinned(script: string, cpuList: string | null, args: readonly string[] = []): ChildProcess {
  // taskset execs node, so the child's pid is node's own (the floor reads its CPU time by pid).
  const [command, argv] = cpuList
    ? ['taskset', ['-c', cpuList, process.execPath, script, ...args]]
    : [process.execPath, [script, ...args]];
  const child = spawn(command as string, argv as string[], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

/** The port a server child announces with its one `listening` message. */
export function serverPort(server: ChildProcess, what: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the ${what} did not start within 10 s`)), SERVER_START_TIMEOUT_MS);
    server.once('message', (message: { type: 'listening'; port: number }) => {
      clearTimeout(timer);
      resolve(message.port);
    });
    server.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`cannot start the ${what}: ${error.message}`));
    });
    server.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the ${what} exited (code ${code ?? '-'}, signal ${signal ?? '-'})`));
    });
  });
}

/** Runs one measurement in a fresh worker process on `cpuList` (the load generator's cores). */
export function measureInWorker(
  start: CalibrationStart,
  cpuList: string | null,
  signal?: AbortSignal,
): Promise<OpenRung | ClosedRung> {
  const worker = spawnPinned(WORKER, cpuList);
  return new Promise<OpenRung | ClosedRung>((resolve, reject) => {
    const onAbort = () => {
      if (worker.connected) worker.send({ type: 'abort' }, () => undefined);
    };
    const deadline = setTimeout(
      () => worker.kill('SIGKILL'),
      start.warmupMs + start.durationMs + start.timeoutMs + GRACE_MS,
    );
    const settle = () => {
      clearTimeout(deadline);
      signal?.removeEventListener('abort', onAbort);
    };
    worker.on('message', (message: CalibrationMessage) => {
      settle();
      if (message.type === 'result') resolve(message.rung);
      else reject(new Error(`the load generator failed: ${message.message}`));
    });
    worker.on('error', (error) => {
      settle();
      reject(new Error(`cannot start the load generator: ${error.message}`));
    });
    worker.on('exit', (code, signal) => {
      settle();
      reject(new Error(`the load generator exited without a result (code ${code ?? '-'}, signal ${signal ?? '-'})`));
    });
    worker.send(start, () => undefined);
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
}
