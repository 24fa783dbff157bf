import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { LedgerSnapshot, SecondSample } from '@paybench/bench-load';
import type { CellLoadResult } from '@paybench/bench-results';
import type { WorkerMessage, WorkerStart } from './load-worker.js';

const WORKER = fileURLToPath(new URL('./load-worker.js', import.meta.url));

export interface LoadProcess {
  /** Resolves when the worker has started its schedule (epoch ms of that moment). */
  readonly started: Promise<number>;
  readonly result: Promise<CellLoadResult>;
  abort(): void;
}

/**
 * Runs one load in the worker process, pinned with taskset to the load generator's CPUs when
 * `cpuList` is given. Per-second samples arrive through `onSecond` for live progress.
 */
export function startLoadProcess(
  start: WorkerStart,
  options: {
    cpuList: string | null;
    onSecond?: (sample: SecondSample) => void;
    /** Open loop: how each checkout ended, just before the result. */
    onLedger?: (checkout: Record<string, LedgerSnapshot>) => void;
    /** A stepped load: one line as each step ends (progress). */
    onStep?: (line: string) => void;
  },
): LoadProcess {
  const [command, args] = options.cpuList
    ? ['taskset', ['-c', options.cpuList, process.execPath, WORKER]]
    : [process.execPath, [WORKER]];
  // A process group of its own: a terminal's Ctrl-C (SIGINT to the whole foreground group) must not
  // kill the worker and its measurements; the runner decides, by sending `abort`. If the runner dies,
  // the IPC channel closes and the worker exits (see load-worker.ts).
  const child = spawn(command as string, args as string[], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    detached: true,
  });
  let resolveStarted: (epochMs: number) => void = () => undefined;
  const started = new Promise<number>((resolve) => (resolveStarted = resolve));
  const result = new Promise<CellLoadResult>((resolve, reject) => {
    let settled = false;
    child.on('message', (message: WorkerMessage) => {
      if (message.type === 'started') resolveStarted(message.epochMs);
      else if (message.type === 'second') options.onSecond?.(message.sample);
      else if (message.type === 'ledger') options.onLedger?.(message.checkout);
      else if (message.type === 'step') {
        const p99 = message.p99Ms === null ? '-' : `${message.p99Ms.toFixed(1)} ms`;
        const answered = `${(message.availability * 100).toFixed(2)}% answered`;
        options.onStep?.(
          `step ${message.rate} req/s: p99 ${p99}, ${answered}${message.withinSlo ? '' : ', beyond the SLO'}`,
        );
      } else if (message.type === 'result') {
        settled = true;
        // The message is a CellLoadResult with its type tag: kind and result travel as they are.
        resolve({ kind: message.kind, result: message.result } as CellLoadResult);
      } else if (message.type === 'error') {
        settled = true;
        reject(new Error(`the load generator failed: ${message.message}`));
      }
    });
    child.on('exit', (code, signal) => {
      if (!settled)
        reject(new Error(`the load generator exited without a result (code ${code ?? '-'}, signal ${signal ?? '-'})`));
    });
    child.on('error', (error) => {
      settled = true;
      reject(
        new Error(
          child.pid === undefined
            ? `cannot start the load generator: ${error.message}`
            : `the load generator failed: ${error.message}`,
        ),
      );
    });
  });
  // With a callback, a failed send (the worker already gone) is not an 'error' event: its exit says why.
  const send = (message: WorkerStart | { type: 'abort' }) => {
    if (child.connected) child.send(message, () => undefined);
  };
  send(start);
  return {
    started,
    result,
    abort: () => {
      send({ type: 'abort' });
      // A worker that does not finish promptly after an abort is not waited for.
      setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
    },
  };
}
