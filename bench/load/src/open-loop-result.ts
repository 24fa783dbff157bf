import type { LatencySummary } from './latency-histogram.js';
import type { OutcomeCounts } from './outcome-tally.js';

/**
 * One traffic class over the measured window. A request belongs to the window when its intended
 * start time does (warm-up requests are sent but never counted); it is counted when it ends, even
 * if that is after the window closed (the run waits for every request to end or time out).
 *
 * Latency (count, p50 .. max, histogram; microseconds) is measured from the request's intended
 * start time on the constant-rate schedule to the last byte of the answer, not from the moment it
 * was sent: a request that waited behind a stalled server, in the client's connection queue or
 * behind a late generator shows that wait. Answers of every status and timeouts are recorded (see
 * tallyEnding); p-values are HdrHistogram's, within 0.1%.
 */
export interface ClassResult extends OutcomeCounts, LatencySummary {
  /** Requests due in the window: sent + dropped. Fixed by rate, duration, weights and seed. */
  scheduled: number;
  /** scheduled / window seconds: the load that was asked of the system. */
  offeredRate: number;
  /** HTTP answers (any status) per window second: the load the system actually served. */
  achievedRate: number;
}

/**
 * One class in one wall-clock second of the measured window (and of the drain after it).
 * `sent` and `dropped` count requests whose intended start fell in this second; `completed`, the
 * outcomes and the latency distribution count requests that ended in this second. A stall thus
 * shows as seconds with sends and no completions, then a second with a burst of slow completions.
 */
export type SecondClassSample = OutcomeCounts & LatencySummary;

export interface SecondSample {
  /** 0 for the first second after warm-up; seconds at or beyond durationMs / 1000 are the drain. */
  second: number;
  classes: Record<string, SecondClassSample>;
}

/** How late the generator itself sent requests, in microseconds. */
export interface ScheduleLag {
  /** Measured requests that were sent (dropped ones are not sent, so have no lag). */
  count: number;
  p50: number;
  p99: number;
  max: number;
  /** Optional: the whole distribution (encoded as latency histograms are), kept by a slice of a schedule. */
  histogram?: string;
}

/**
 * One of several generator processes that shared the schedule (scenario `workers`, or `run --workers`), judged
 * on its own by the lag rule: a cell is invalid when any of them could not keep its slice's schedule.
 */
export interface WorkerShare {
  /** `local 1/2`, or the remote worker's host:port. */
  worker: string;
  /** Measured requests it sent. */
  sent: number;
  /** Its own schedule lag, microseconds. */
  lagP99: number;
  lagMax: number;
  /**
   * A remote worker: its clock minus the runner's, ms, from the ping exchange with the smallest round trip
   * (NTP-style: offset = worker time - (sent + received) / 2), and that round trip.
   */
  clockOffsetMs?: number;
  rttMs?: number;
}

export interface GeneratorWorkers {
  /**
   * `own-cores`: each local worker pinned to a core of its own; `shared-cores`: the load side had fewer cores than
   * workers, so they share them (their lag then includes each other's CPU time); `unpinned`: no pinning on this
   * machine; `remote`: workers on other hosts (`run --workers`).
   */
  placement: 'own-cores' | 'shared-cores' | 'unpinned' | 'remote';
  each: WorkerShare[];
}

export interface OpenLoopResult {
  classes: Record<string, ClassResult>;
  perSecond: SecondSample[];
  /**
   * Time from each request's intended start to the moment the generator handed it to the HTTP
   * client. It is part of every measured latency, so it must stay small next to them.
   */
  scheduleLag: ScheduleLag;
  /**
   * True when the generator could not keep to its schedule (scheduleLag.p99 above the limit): the
   * cell measured the generator, not the system, and must be discarded or rerun with less load
   * per generator process.
   */
  generatorLimited: boolean;
  reason?: string;
  /** True when the run was stopped early by its AbortSignal: every figure is then partial. */
  aborted: boolean;
  /** The measured window (after warm-up), as configured. */
  durationMs: number;
  warmupMs: number;
  ratePerSecond: number;
  seed: number;
  /** Optional: present when several generator processes shared the schedule (their results merged exactly). */
  workers?: GeneratorWorkers;
}
