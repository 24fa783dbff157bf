// What `paybench calibrate` measures (its --json output): the load generator's ladder of rates against a
// trivial server, next to autocannon's closed loop. Computed by the runner (bench/cli/src/calibrate), judged by
// the ladder rules (bench/analysis), rendered by bench/outputs.
import type { Pinning } from './run-environment.js';

/** One rung of the ladder: the open loop at one offered rate. Times in microseconds. */
export interface OpenRung {
  kind: 'open';
  rate: number;
  offeredRate: number;
  achievedRate: number;
  lagP50: number;
  lagP99: number;
  p50: number;
  p99: number;
  /** Requests not sent because too many were outstanding. */
  dropped: number;
  /** Requests that got no answer, or an answer other than 2xx. */
  failed: number;
  /** The generator process's CPU time (user + system) per request it sent, warm-up included. */
  cpuMicrosPerRequest: number;
  aborted: boolean;
}

/** autocannon's closed loop: the most the server answers to a generator that never waits for a schedule. */
export interface ClosedRung {
  kind: 'closed';
  connections: number;
  throughput: number;
  p50: number;
  p99: number;
  failed: number;
  cpuMicrosPerRequest: number;
  /** Answers over warm-up and window together (autocannon's count); absent in older calibrations. */
  requestsInAll?: number;
  aborted: boolean;
}

export interface LadderRung extends OpenRung {
  /** Empty when the rung kept its schedule. */
  misses: string[];
  /** How many times the rung was measured (a missed rung is measured again); the figures are the best. */
  attempts: number;
}

export interface CalibrationResult {
  pinning: Pinning;
  /** autocannon before and after the ladder (one, or none, when stopped early). */
  autocannon: ClosedRung[];
  rungs: LadderRung[];
  /** Every rung up to this rate kept its schedule. */
  sustainedRate: number;
  /** The highest rung that kept its schedule, misses below it or not. */
  highestKeptRate: number;
  maxLagMs: number;
  aborted: boolean;
}
