import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { highestKeptRate, ladderShouldStop, rungFellBehind, rungMisses, sustainedRate } from '@paybench/bench-analysis';
import type { CalibrationResult, ClosedRung, LadderRung, OpenRung, Pinning } from '@paybench/bench-results';
import type { CalibrationMessage, CalibrationStart } from './calibrate-worker.js';
import type { TrivialServerMessage } from './trivial-server.js';

const SERVER = fileURLToPath(new URL('./trivial-server.js', import.meta.url));
const WORKER = fileURLToPath(new URL('./calibrate-worker.js', import.meta.url));
/** Beyond its planned time, a measurement that gives no result is stopped (SIGKILL). */
const GRACE_MS = 15_000;
const SERVER_START_TIMEOUT_MS = 10_000;

export interface CalibrationOptions {
  pinning: Pinning;
  /** The ladder's offered rates, in order; it stops early once the generator fell behind twice in a row. */
  rates: number[];
  /** Measured window of every rung, after `warmupMs`. */
  durationMs: number;
  warmupMs: number;
  /** A request without its answer this long after it was sent is a timeout. */
  timeoutMs: number;
  /** autocannon's connections. */
  connections: number;
  /** The schedule lag p99 a rung may have and still count as kept. */
  maxLagMs: number;
  /** Stops what runs (the result holds what was measured) and every process. */
  signal?: AbortSignal;
  onProgress?(line: string): void;
}

/** Measurements of one rung at most: a second one when the first missed. */
const ATTEMPTS = 2;

/** Kept beats missed; between two of a kind, the lower schedule lag p99. */
function betterRung(a: LadderRung, b: LadderRung): boolean {
  const aKept = a.misses.length === 0;
  const bKept = b.misses.length === 0;
  return aKept !== bKept ? aKept : a.lagP99 < b.lagP99;
}

/**
 * Measures the load generator on this machine: a trivial node:http server on the system under test's
 * cores, autocannon's closed loop against it (before and after, for reference: the most this server
 * answers to one generator process), and the open loop over a ladder of rates, each in a fresh process on
 * the load generator's cores. A benchmark: the figures are the result, nothing passes or fails.
 */
export async function runCalibration(options: CalibrationOptions): Promise<CalibrationResult> {
  const progress = options.onProgress ?? (() => undefined);
  const result: CalibrationResult = {
    pinning: options.pinning,
    autocannon: [],
    rungs: [],
    sustainedRate: 0,
    highestKeptRate: 0,
    maxLagMs: options.maxLagMs,
    aborted: false,
  };
  const server = spawnPinned(SERVER, options.pinning.sut);
  try {
    const port = await serverPort(server);
    const origin = `http://127.0.0.1:${port}`;
    progress(`trivial server at ${origin} (pid ${server.pid})`);
    const closedLoop = async (when: string) => {
      progress(`autocannon, closed loop, ${options.connections} connections (${when})...`);
      const start: CalibrationStart = { type: 'start', kind: 'closed', origin, ...pick(options) };
      const rung = (await measureInWorker(start, options)) as ClosedRung;
      if (rung.aborted) return;
      result.autocannon.push(rung);
      progress(`  ${Math.round(rung.throughput)} req/s`);
    };
    await closedLoop('before the ladder');
    const fellBehind: boolean[] = [];
    for (const rate of options.rates) {
      if (options.signal?.aborted || ladderShouldStop(fellBehind)) break;
      const start: CalibrationStart = { type: 'start', kind: 'open', origin, rate, ...pick(options) };
      // A missed rung is measured once more, and the better attempt kept: on a shared machine one stall of
      // another process can miss a rung that the generator keeps.
      let best: LadderRung | undefined;
      for (let attempt = 1; attempt <= ATTEMPTS && !(best && best.misses.length === 0); attempt++) {
        progress(`open loop at ${rate} req/s${attempt > 1 ? ', once more' : ''}...`);
        const rung = (await measureInWorker(start, options)) as OpenRung;
        if (rung.aborted) break;
        const misses = rungMisses(rung, options.maxLagMs);
        progress(
          `  achieved ${Math.round(rung.achievedRate)} req/s, lag p99 ${(rung.lagP99 / 1000).toFixed(2)} ms: ` +
            (misses.length === 0 ? 'kept its schedule' : `missed (${misses.join(', ')})`),
        );
        const candidate: LadderRung = { ...rung, misses, attempts: attempt };
        best = best === undefined || betterRung(candidate, best) ? candidate : { ...best, attempts: attempt };
      }
      if (best === undefined) break;
      result.rungs.push(best);
      fellBehind.push(rungFellBehind(best, options.maxLagMs));
    }
    if (!options.signal?.aborted) await closedLoop('after the ladder');
  } finally {
    server.kill('SIGTERM');
  }
  const kept = result.rungs.map((rung) => ({ rate: rung.rate, missed: rung.misses.length > 0 }));
  result.sustainedRate = sustainedRate(kept);
  result.highestKeptRate = highestKeptRate(kept);
  result.aborted = options.signal?.aborted ?? false;
  return result;
}

function pick(options: CalibrationOptions) {
  return {
    durationMs: options.durationMs,
    warmupMs: options.warmupMs,
    timeoutMs: options.timeoutMs,
    connections: options.connections,
  };
}

// Every child this process started, so that none outlives it, however it ends.
const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

/** A Node script as a child with an IPC channel, pinned with taskset to `cpuList` when given. */
function spawnPinned(script: string, cpuList: string | null): ChildProcess {
  const [command, args] = cpuList
    ? ['taskset', ['-c', cpuList, process.execPath, script]]
    : [process.execPath, [script]];
  const child = spawn(command as string, args as string[], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

function serverPort(server: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('the trivial server did not start within 10 s')),
      SERVER_START_TIMEOUT_MS,
    );
    server.once('message', (message: TrivialServerMessage) => {
      clearTimeout(timer);
      resolve(message.port);
    });
    server.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`cannot start the trivial server: ${error.message}`));
    });
    server.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the trivial server exited (code ${code ?? '-'}, signal ${signal ?? '-'})`));
    });
  });
}

/** Runs one measurement in a fresh worker process on the load generator's cores. */
function measureInWorker(start: CalibrationStart, options: CalibrationOptions): Promise<OpenRung | ClosedRung> {
  const worker = spawnPinned(WORKER, options.pinning.load);
  return new Promise<OpenRung | ClosedRung>((resolve, reject) => {
    const onAbort = () => {
      if (worker.connected) worker.send({ type: 'abort' }, () => undefined);
    };
    const deadline = setTimeout(
      () => worker.kill('SIGKILL'),
      start.warmupMs + start.durationMs + options.timeoutMs + GRACE_MS,
    );
    const settle = () => {
      clearTimeout(deadline);
      options.signal?.removeEventListener('abort', onAbort);
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
    if (options.signal?.aborted) onAbort();
    else options.signal?.addEventListener('abort', onAbort, { once: true });
  });
}
