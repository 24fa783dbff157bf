// The figures derived from each cell, as result.json stores them next to the raw cells
// (RunResult.summaries). Computed in bench/analysis (each figure documented where it is
// computed); the types live here, with the stored model, so that the schema imports nothing above it.
import type { OutcomeCounts } from '@paybench/bench-load';
import type { CellStatus } from './cell-status.js';
import type { Reconciliation } from './reconciliation.js';

/** Everything derived from one cell; the cell's raw data stays in its CellResult next to it. */
export interface CellSummary {
  key: string;
  topology: string;
  /** The logging configuration's name, followed by `/<preset>` when the cell ran a resilience preset. */
  logging: string;
  /** The load point's label, e.g. `open-100` or `closed-32`. */
  load: string;
  repeat: number;
  status: CellStatus;
  /** status === 'ok': only then can the figures be trusted (they are summarized anyway, and shown marked). */
  valid: boolean;
  /** The cell's own problems, as the run recorded them. */
  problems: string[];
  /** What this summary had to approximate or could not compute. */
  notes: string[];
  sloP99Ms: number;
  /** null when the cell has no load result (it failed before or during the load). */
  traffic: OpenLoopSummary | ClosedLoopSummary | null;
  logLines: LogLineFigures | null;
  /** Optional (added within version 1): the cell's reconciliation, as recorded (CellResult.reconciliation). */
  reconciliation?: Reconciliation;
  /**
   * Optional (stepped cells only, added within version 1; `traffic` is then null): the
   * latency-throughput curve, one point per step, and the capacity at the SLO.
   */
  capacity?: CapacitySummary;
}

/** One step of a stepped cell: what was offered, what was served, and whether it kept the SLO. */
export interface CapacityPoint {
  /** req/s asked for: the step's rate (its schedule's requests due over its window, up to rounding). */
  offeredRate: number;
  /** HTTP answers (any status) per window second, all classes. */
  achievedRate: number;
  /** Of the slowest class (the one the SLO is judged on), ms; null when nothing was answered. */
  p50Ms: number | null;
  p99Ms: number | null;
  /** (2xx + 422) / requests due, all classes. */
  availability: number;
  /** The generator's schedule-lag p99 over the step, ms. */
  lagP99Ms: number;
  /** p99 within the SLO and availability >= 99.9%. */
  withinSlo: boolean;
  /** The lag rule held (bench/analysis/src/validity): a step that fails it does not count toward capacity. */
  lagValid: boolean;
}

export interface CapacitySummary {
  kind: 'steps';
  sloP99Ms: number;
  /** The least availability a step needs to count: 0.999. */
  minAvailability: number;
  points: CapacityPoint[];
  /** The highest offered rate of a step within the SLO whose lag held; null when no step did. */
  capacityRps: number | null;
  /** Why the steps ended: `slo` (two in a row beyond it), `plan` (maxSteps or maxRate), `aborted`. */
  stoppedBy: 'slo' | 'plan' | 'aborted';
}

export interface OpenLoopSummary {
  kind: 'open';
  /** Every second of the window and the drain. */
  overall: PhaseSummary;
  phases: PhaseSummary[];
  /** Every window second judged good or bad: the evidence behind `impact` and `recovery`. */
  timeline: SecondVerdict[];
  /** For every phase after the first (each one starts with a fault event). */
  impact: ImpactTiming[];
  /** In the last phase, when there is more than one phase. */
  recovery: RecoveryTiming | null;
  generator: { limited: boolean; reason: string | null; aborted: boolean; scheduleLagP99Ms: number; scheduleLagMaxMs: number };
  notes: string[];
}

/** One phase (or the whole window) of an open-loop cell. */
export interface PhaseSummary {
  name: string;
  /** The phase as planned, ms from the start of the measured window. */
  fromMs: number;
  toMs: number;
  /** The per-second samples counted: window seconds `first`..`last`, plus `drainSeconds` after the window (last phase only). */
  seconds: { first: number | null; last: number | null; drainSeconds: number };
  /** Window milliseconds those seconds cover: the denominator of every rate. */
  coveredMs: number;
  /** All traffic classes together. */
  traffic: TrafficFigures;
  /** Each class alone ('checkout', 'orderStatus'): how far a fault reached (blast radius). */
  classes: Record<string, TrafficFigures>;
  resources: ResourceFigures;
}

/**
 * A closed-loop (saturation) cell: maximum throughput at a fixed concurrency. There is no
 * schedule (so no offered rate, no dropped requests, no availability) and no per-second data
 * (so no phases): every figure covers the whole measured window.
 */
export interface ClosedLoopSummary extends Pick<OutcomeCounts, 'success' | 'rejection' | 'statuses' | 'errorsByKind'> {
  kind: 'closed';
  connections: number;
  durationMs: number;
  /** HTTP answers (any status) completed in the window. */
  answered: number;
  /** answered / window seconds. */
  throughputPerSecond: number;
  /** Answers with any other status than success or rejection. */
  errorStatuses: number;
  /** Requests with no answer (timeouts included): the sum of `errorsByKind`. */
  errors: number;
  /** Service time under saturation, from each request's actual send (not latency at a given load). */
  latency: LatencyFigures;
  resources: ResourceFigures;
  /** Optional (`run --cross-check`): wrk's figures on the same deployment (see WrkCrossCheck). */
  crossCheck?: CrossCheckFigures;
}

/** wrk's rate and latency beside paybench's closed loop; `ratio` = paybench's req/s / wrk's (null if wrk failed). */
export interface CrossCheckFigures {
  tool: 'wrk';
  requestsPerSecond: number | null;
  p50Ms: number | null;
  p99Ms: number | null;
  ratio: number | null;
  /** Non-2xx answers and socket errors wrk counted. */
  failures: number;
  error: string | null;
}

/**
 * One stretch of an open-loop run (a phase, the whole window, or one second), for one traffic
 * class or all of them. Requests are counted as the load generator counts them: `scheduled`,
 * `sent` and `dropped` by intended start time; `completed` and its outcomes, and the latency, by
 * end time. A request due near the end of a stretch may thus end in the next one. The counts are
 * the load generator's own (OutcomeCounts), added up over the stretch's seconds and classes.
 */
export interface TrafficFigures extends OutcomeCounts {
  /** Requests due in the stretch: sent + dropped. */
  scheduled: number;
  /** HTTP answers of any status: completed minus the requests that got no answer. */
  answered: number;
  /** Answers with an error status: error minus the requests that got no answer. */
  errorStatuses: number;
  timeouts: number;
  /** Requests due per second of the stretch (scheduled / covered seconds): the load asked for. */
  offeredPerSecond: number | null;
  /** HTTP answers (any status) per second of the stretch: the load served. */
  answeredPerSecond: number | null;
  /** 2xx answers per second of the stretch. */
  successPerSecond: number | null;
  /** From the merged histograms of every second and class in the stretch (never averaged percentiles). */
  latency: LatencyFigures;
  /** (success + rejection) / scheduled, at most 1 (answers of requests due in an earlier stretch can push it over); null when nothing was scheduled. */
  availability: number | null;
  withinSlo: WithinSlo;
}

/**
 * Availability within the SLO, with its inputs so that it can be checked by hand. Per-second data
 * holds counts and a latency histogram, not (latency, outcome) pairs per request, so it is an
 * estimate:
 *
 *   good         = success + rejection - max(0, samplesAboveSlo - timeoutsAboveSlo), at least 0
 *   availability = good / scheduled
 *
 * Timeouts are errors (not in success + rejection) and all slower than the SLO when the request
 * timeout exceeds it, so they are taken out of the slow samples: a slow timeout is counted once,
 * not twice. Answers with an error status (5xx...) cannot be told apart in the histogram: a slow
 * one is still subtracted from `good` as if it were a slow success, so the figure is a lower
 * bound, exact when no error answer was slower than the SLO. Without a known request timeout,
 * timeouts are not taken out (a looser lower bound, said in the cell's notes).
 */
export interface WithinSlo {
  sloMs: number;
  /** Latency samples above the SLO (bucket rule of countSamplesAbove): answers of any status and timeouts. */
  samplesAboveSlo: number;
  /** Timeouts taken out of samplesAboveSlo (all of them when the request timeout exceeds the SLO, else 0). */
  timeoutsAboveSlo: number;
  good: number;
  /** good / scheduled, at most 1; null when nothing was scheduled. */
  availability: number | null;
}

/**
 * Latency of a set of requests, in milliseconds. The percentiles come from one histogram holding
 * every sample of the set: percentiles of parts cannot be averaged into the percentile of the
 * whole (one slow second among fast ones has a p99 far above the mean of the seconds' p99s).
 */
export interface LatencyFigures {
  /** Samples: answers of every status and timeouts; other transport errors have none (see tallyEnding). */
  count: number;
  /** HdrHistogram's values, within 0.1%; null when there is no sample (never 0, which would flatter). */
  p50Ms: number | null;
  p90Ms: number | null;
  p99Ms: number | null;
  p999Ms: number | null;
  /** Upper end of the slowest sample's bucket (within 0.1% of the true maximum). */
  maxMs: number | null;
  /** The merged distribution (HdrHistogram compressed base64, microseconds): the raw data behind the figures. */
  histogram: string;
}

/** One second of the measured window (all traffic classes together), judged good or bad. */
export interface SecondVerdict {
  second: number;
  phase: string;
  /** Requests due in this second (sent + dropped). */
  scheduled: number;
  sent: number;
  /** Requests that ended in this second. */
  completed: number;
  /** error (answers with an error status, transport errors, timeouts) + dropped. */
  failed: number;
  /** failed / max(scheduled, completed); null when both are 0. */
  failedShare: number | null;
  /** p99 of the second's merged histogram (all classes), ms; null without samples. */
  p99Ms: number | null;
  bad: boolean;
  /** Why the second is bad (empty when it is good). */
  reasons: string[];
}

/** When a fault phase first hurt: ms from the phase start to the start of its first bad second. */
export interface ImpactTiming {
  phase: string;
  /** null when no second of the phase was bad. */
  ms: number | null;
  /** The first bad second, for reference against the timeline. */
  second: number | null;
}

/** How the system came back after the last fault event. */
export interface RecoveryTiming {
  phase: string;
  /** ms from the phase start to the first of 3 consecutive good seconds; null unless recovered. */
  ms: number | null;
  /**
   * recovered: 3 good seconds in a row were seen (ms = 0 if the phase never had a bad second).
   * never: the last second of the window was still bad.
   * not observed: the window ended less than 3 seconds after the last bad second, or the phase
   * is shorter than 3 seconds: recovery may have begun but cannot be confirmed.
   */
  outcome: 'recovered' | 'never' | 'not observed';
  detail: string;
}

export interface ResourceFigures {
  /** Sum over processes of their CPU growth; null if any process lacks two readings (a partial sum would flatter). */
  cpuSeconds: number | null;
  /**
   * (cpuSeconds - harnessCpuSeconds) * 1000 / successful (2xx) requests of the stretch (the harness's part
   * only when known); null without CPU or without a success.
   */
  cpuMsPerSuccess: number | null;
  /** Optional (runs that measured the harness's cost): what the sampler's readings cost the processes, seconds. */
  harnessCpuSeconds?: number;
  /** Optional (same runs): what /metrics scrapes, the sampler's reading before, would have cost, seconds. */
  metricsScrapeCpuSeconds?: number;
  /** Sum of per-process peaks: an upper bound of the topology's peak, as peaks need not coincide; null if any process lacks a reading. */
  peakRssBytes: number | null;
  /** The worst per-process figure. */
  maxEventLoopP99Ms: number | null;
  processes: ProcessResources[];
  /** What was approximated or missing. */
  notes: string[];
}

/** One process over one stretch of the run, from its once-a-second samples. */
export interface ProcessResources {
  process: string;
  /** CPU seconds' growth between the first and last reachable readings; null with fewer than two. */
  cpuSeconds: number | null;
  /** Seconds of those two readings (the nearest reachable ones when the ends were unreachable). */
  cpuFromSecond: number | null;
  cpuToSecond: number | null;
  /** Highest process_resident_memory_bytes read; null without a reading. */
  peakRssBytes: number | null;
  /** Highest nodejs_eventloop_lag_p99 read, ms; null without a reading. */
  maxEventLoopP99Ms: number | null;
  /** Samples of the stretch that did not answer (a stalled process cannot be scraped). */
  unreachableSamples: number;
  samples: number;
}

/** Where the cell's log lines ended up, summed over its processes (read after the pipeline drained). */
export interface LogLineFigures {
  /** null when a process could not report its logger counts (stalled or gone): a partial sum would mislead. */
  emitted: number | null;
  /** null when the forwarder's counts were gone (it exited or did not answer). */
  delivered: number | null;
  /** Dropped in the process by a bounded logger; null when a process could not report it. */
  droppedByLogger: number | null;
  /** Dropped by a non-blocking log driver whose buffer was full. */
  droppedByDriver: number;
  /** Dropped by the forwarder (when_full: drop_newest); null when its counts were gone. */
  droppedByForwarder: number | null;
  /** Lost with a connection to the forwarder that closed before it read them; null when its counts were gone. */
  lost: number | null;
  /** Still in flight when accounting was read; null when a process's share is unknown. */
  inFlight: number | null;
  /** emitted = delivered + dropped + in flight held for every process, nothing was lost, the forwarder could be read. */
  holds: boolean;
  /** Nothing was in flight anywhere. */
  settled: boolean;
  /** Each process's accounting problems, prefixed with its name. */
  problems: string[];
}
