// The run result written to results/<timestamp>-<scenario>/result.json. Versioned: a change that
// renames or re-means a field bumps RESULT_SCHEMA_VERSION. Every figure says how it was measured.
import type { LinkProxyStats, LogAccounting } from '@paybench/platform-runtime';
import type { ToxicInput } from '@paybench/platform-fault-proxy';
import type { OpenLoopResult, SaturationResult, StepsResult } from '@paybench/bench-load';
import type { HarnessCost, WrkCrossCheck } from './measurement-checks.js';
import type { ClinicRun, ProcessCpuProfile } from '@paybench/bench-profile';
import type { LoadPoint, LoggingConfig, ModuleFault, Scenario, SinkConfig } from '@paybench/bench-scenario';
import type { CellStatus } from './cell-status.js';
import type { Reconciliation } from './reconciliation.js';
import type { TopologyComparison } from './comparison-schema.js';
import type { RunEnvironment } from './run-environment.js';
import type { CellSummary } from './summary-schema.js';

export type { CellStatus };

export const RESULT_SCHEMA = 'paybench/run-result';
export const RESULT_SCHEMA_VERSION = 1;

export interface RunResult {
  schema: typeof RESULT_SCHEMA;
  version: typeof RESULT_SCHEMA_VERSION;
  runId: string;
  /** The scenario after validation and command-line overrides: exactly what ran. */
  scenario: Scenario;
  scenarioFile: string;
  startedAt: string;
  finishedAt: string;
  /** False when the run was interrupted (Ctrl-C, SIGTERM) or a cell could not run: figures are partial. */
  complete: boolean;
  interruption: string | null;
  environment: RunEnvironment;
  cells: CellResult[];
  /**
   * Figures derived from the raw data below by bench/analysis (phase percentiles from merged
   * histograms, availability, time to impact/recover, CPU per request, ratios), stored so a
   * reader need not recompute them; recomputing from `cells` gives the same numbers. One summary
   * per cell, in the order of `cells`. Optional (added within version 1): absent from results
   * written before they were stored and from results put together by other tools or tests, and
   * short of the cell a run has just measured. Read them through summarizeRun
   * (bench/analysis/src/summary/summarize-run.ts), which computes whatever is missing.
   */
  summaries?: CellSummary[];
  /** The topologies compared, from `summaries`; optional like them. */
  comparisons?: TopologyComparison[];
  /**
   * Optional (absent from runs without profiling; added in version 1, backward compatible): what
   * `paybench profile` or `run --cpu-profile` asked for. Each cell's results are in its
   * `cpuProfiles` / `clinic`.
   */
  profiling?: RunProfilingInfo;
  /**
   * Optional (`run --target` only; added within version 1): the run drove a deployment it did not start. Its
   * cells' CPU and RSS come from the processes' own readings, and each cell's notes say what was not measured.
   */
  external?: ExternalRun;
}

/** The deployment a `run --target` drove, and the cells it could not run there. */
export interface ExternalRun {
  /** The targets file's description: which deployment this was. */
  description: string;
  targetFile: string;
  topology: string;
  /** Each cell of the scenario the target cannot run (by key, once for all repeats), and why; none of them ran. */
  refused: { key: string; reason: string }[];
}

export interface RunProfilingInfo {
  /** `cpu` (the built-in breakdown) or a clinic.js tool. */
  tool: string;
  /** The profiled processes of each topology. */
  processes: Record<string, string[]>;
  /** cpu: V8's sampling interval. */
  samplingIntervalUs: number | null;
}

/** A named stretch of the measured window, from one fault event to the next. */
export interface Phase {
  name: string;
  /** Milliseconds from the start of the measured window (after warm-up). */
  fromMs: number;
  toMs: number;
}

export interface AppliedFault {
  phase: string;
  /** When the scenario asked for it, ms from the start of the measured window. */
  plannedAtMs: number;
  /** When the forwarder (and every link) took it, ms from the start of the measured window. */
  appliedAtMs: number | null;
  /** The forwarder change; `{}` for an event that changes links only. */
  change: { sink?: SinkConfig; whenFull?: 'block' | 'drop_newest' };
  /**
   * Optional (added within version 1; absent from older results and from forwarder-only events): the link
   * faults of the event, named by module, and whether each reached a wire (`proxied`) or joins two modules
   * of one process in this topology (`in-process`: no network fault applied). `toxics: []` lifts a fault.
   */
  links?: AppliedLinkFault[];
  /**
   * Optional (added within version 1; events with module faults only): each module's faults from this event
   * on (`[]` lifts them) and the process they were applied to (`appliedTo`: the one hosting the module in this
   * topology; `null` until applied, when applying failed, see `error`, or when lifting on a process down).
   */
  modules?: AppliedModuleFault[];
  /**
   * Optional (added within version 1; only events that change the load): the open loop's offered rate from here on
   * is the load point's rate x `factor`. The generator's schedule applies it at `plannedAtMs` exactly (it knows the
   * timeline from the start); `appliedAtMs` is when the runner's timer passed it.
   */
  load?: { factor: number };
  error: string | null;
}

export interface AppliedModuleFault {
  module: string;
  faults: ModuleFault[];
  appliedTo: string | null;
}

/**
 * A deliberate kill of the process hosting a module (a `crash` module fault), ms from the start of the measured
 * window: when it was killed, when its next life was spawned and answered (null: not restarted, or not yet by
 * the end of the cell), and why the restart failed (`error`, also a problem of the cell).
 */
export interface CellCrash {
  process: string;
  module: string;
  killedAtMs: number;
  restartAfterMs: number | null;
  restartedAtMs: number | null;
  readyAtMs: number | null;
  error: string | null;
}

export interface AppliedLinkFault {
  from: string;
  to: string;
  toxics: ToxicInput[];
  /** `null` until applied (or when applying failed: see the fault's `error`). */
  appliedAs: 'proxied' | 'in-process' | null;
}

/**
 * One process in one second: its CPU and RSS from /proc/<pid> (runs since HarnessCost was added; before,
 * from its Prometheus endpoint), event-loop delay from its internal listener, and its log driver's counters.
 * `reachable` is false when the process did not answer within 500 ms (a stalled process): its CPU and
 * memory are then unknown for that second, not zero.
 */
export interface ProcessSample {
  second: number;
  process: string;
  reachable: boolean;
  /**
   * Optional (added within version 1): false in a second in which the sampler read /proc only and did not ask the
   * process (it asks every few seconds, bench/cli sampler.ts): `reachable` then says whether /proc could be read,
   * and the event-loop p99 and RPC count are absent. Absent: the process was asked (every second, in older runs).
   */
  asked?: boolean;
  /** user + system CPU seconds, cumulative (/proc/<pid>/stat, 10 ms ticks; older runs: process_cpu_seconds_total). */
  cpuSeconds: number | null;
  /** process_resident_memory_bytes. */
  rssBytes: number | null;
  /**
   * Event-loop delay p99 since the previous ask, ms (monitorEventLoopDelay, 10 ms resolution; older runs:
   * prom-client's, over the last second); null in a second the process was not asked.
   */
  eventLoopP99Ms: number | null;
  /**
   * Optional (added within version 1): module calls the process has served on its internal RPC routes since it
   * started, cumulative (calls that crossed a process boundary into it); absent when it did not answer.
   */
  rpcServed?: number;
  driver: { linesRead: number; linesDropped: number; bufferedBytes: number; readingPaused: boolean } | null;
}

export interface ForwarderSample {
  second: number;
  buffered: number;
  processed: number;
  dropped: number;
  series: number;
  pausedSockets: boolean;
}

/** What one process's resilience policies did over a cell, summed over its callees. */
/**
 * The link proxies run inside the runner (the paybench process that supervises the topology), not in any process of
 * the system under test: their CPU is in no process's CPU per request. This is the runner's own CPU over the measured
 * window (process.cpuUsage, user + system, read as the window opens and as the load ends): an upper bound on the
 * proxies' cost, since the runner also relays the processes' stdout (log drivers), samples them and runs the timeline.
 */
export interface LinkProxyCpu {
  /** CPU the runner used over `windowMs`, ms. */
  runnerCpuMs: number;
  /** From the window's opening to the end of the load (drain included), ms. */
  windowMs: number;
  /** Proxies placed (one per caller -> callee process pair a named link crosses). */
  proxies: number;
}

export interface ProcessPolicyCounts {
  process: string;
  /** false: the process did not answer when the counters were read (all counts are then 0). */
  reachable: boolean;
  /** Attempts made after a failed one (idempotent or keyed calls only). */
  retries: number;
  /** Times a callee's circuit breaker opened. */
  breakerOpens: number;
  /** Calls refused at once while a breaker was open. */
  breakerRejections: number;
  /** Calls a bulkhead refused at once (its limit and its queue full). */
  bulkheadRejections: number;
  /** Failed dependency calls a module answered from its configured fallback instead. */
  fallbacks: number;
}

export interface CellResilience {
  /** The preset's name, e.g. `naive` or `resilient`. */
  preset: string;
  processes: ProcessPolicyCounts[];
}

export type CellLoadResult =
  | { kind: 'open'; result: OpenLoopResult }
  | { kind: 'closed'; result: SaturationResult }
  /** Optional kind (added within version 1): a stepped open loop, one open-loop result per step (capacity at the SLO). */
  | { kind: 'steps'; result: StepsResult };

export interface CellResult {
  key: string;
  topology: string;
  logging: LoggingConfig;
  load: LoadPoint;
  repeat: number;
  startedAt: string;
  /** Wall time of the whole cell: start-up, warm-up, measured window, drain, stop. */
  wallMs: number;
  status: CellStatus;
  /** Everything that went wrong, in the order it was met. */
  problems: string[];
  /**
   * Optional (added within version 1; older results lack it): the problems, of those above, that
   * disqualify the cell's figures, as decided where each was recorded (see bench/cli/src/run/cell-problems.ts).
   * A cell that was neither interrupted nor failed is `invalid` exactly when this is not empty.
   */
  disqualifying?: string[];
  phases: Phase[];
  faults: AppliedFault[];
  /** Processes of the topology and the CPU list they ran on. */
  processes: { name: string; modules: string[] }[];
  /**
   * Optional (added within version 1): what the reader must know that is neither a problem nor a figure,
   * such as a link fault that does not apply in this topology (both modules in one process).
   */
  notes?: string[];
  /**
   * Optional (cells whose scenario names links; added within version 1): each fault proxy the runtime
   * placed between two processes (`from` caller -> `to` callee, the module links it carries), with its
   * counters at the end of the cell: connections, bytes each way, bytes a black hole discarded, resets
   * injected, delayed chunks, queue peaks (see libs/platform/fault-proxy/README.md).
   */
  linkProxies?: LinkProxyStats[];
  /** Optional (cells with link proxies; added within version 1): the CPU of the process hosting them (see LinkProxyCpu). */
  linkProxyCpu?: LinkProxyCpu;
  /** Optional (cells whose scenario crashes a module; added within version 1): each deliberate kill, in order. */
  crashes?: CellCrash[];
  /**
   * Optional (cells of a scenario that lists resilience presets; added within version 1): the preset every
   * process ran with (libs/platform/resilience) and what its policies did, per process, read once as the cell
   * ended (before its processes stopped; a process restarted during the cell reports since its restart).
   */
  resilience?: CellResilience;
  loadResult: CellLoadResult | null;
  samples: ProcessSample[];
  forwarderSamples: ForwarderSample[];
  /** Taken after the load stopped, faults were lifted and the pipeline drained (up to 20 s). */
  logAccounting: LogAccounting | null;
  /**
   * Optional (profiling runs only; added within version 1): a V8 CPU profile of each profiled
   * process over the measured window, summarised as its main thread's CPU time (kernel-measured)
   * shared out by category in proportion to the samples' self frames (business logic, HTTP
   * server, HTTP client, JSON, logging, database, other; idle apart; rules in
   * bench/profile/src/categories.ts), with the hottest functions; the raw `.cpuprofile` is in the
   * run directory under profiles/. See ProcessCpuProfile.
   */
  cpuProfiles?: ProcessCpuProfile[];
  /** Optional (`paybench profile --tool doctor|flame|heapprofiler`; added within version 1): where the clinic.js output went. */
  clinic?: ClinicRun[];
  /**
   * Optional (open-loop cells with checkouts, from issue 13 on; added within version 1): after the load, what
   * clients were told against the orders database (see Reconciliation and results/README.md).
   */
  reconciliation?: Reconciliation;
  /** Optional (added within version 1): the harness's own cost per process (see HarnessCost). */
  harness?: HarnessCost;
  /** Optional (closed-loop cells of `run --cross-check`; added within version 1): wrk's figure (see WrkCrossCheck). */
  crossCheck?: WrkCrossCheck;
}
