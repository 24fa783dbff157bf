import { fileURLToPath } from 'node:url';
import { highestKeptRate, ladderShouldStop, rungFellBehind, rungMisses, sustainedRate } from '@paybench/bench-analysis';
import type { CalibrationResult, ClosedRung, LadderRung, OpenRung, Pinning } from '@paybench/bench-results';
import type { CalibrationStart } from './calibrate-worker.js';
import { measureInWorker, serverPort, spawnPinned } from './pinned-children.js';

const SERVER = fileURLToPath(new URL('./trivial-server.js', import.meta.url));

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
    const port = await serverPort(server, 'trivial server');
    const origin = `http://127.0.0.1:${port}`;
    progress(`trivial server at ${origin} (pid ${server.pid})`);
    const closedLoop = async (when: string) => {
      progress(`autocannon, closed loop, ${options.connections} connections (${when})...`);
      const start: CalibrationStart = { type: 'start', kind: 'closed', origin, ...pick(options) };
      const rung = (await measureInWorker(start, options.pinning.load, options.signal)) as ClosedRung;
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
        const rung = (await measureInWorker(start, options.pinning.load, options.signal)) as OpenRung;
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
