// The run result written to results/<timestamp>-<scenario>/result.json. Versioned: a change that
// renames or re-means a field bumps RESULT_SCHEMA_VERSION. Every figure says how it was measured.
import type { LinkProxyStats, LogAccounting } from '@paybench/platform-runtime';
import type { ToxicInput } from '@paybench/platform-fault-proxy';
import type { OpenLoopResult, SaturationResult, StepsResult } from '@paybench/bench-load';
import type { ClinicRun, ProcessCpuProfile } from '@paybench/bench-profile';
import type { LoadPoint, LoggingConfig, Scenario, SinkConfig } from '@paybench/bench-scenario';
import type { CellStatus } from './cell-status.js';
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
 * One process in one second, scraped from its Prometheus endpoint (internal listener) and from
 * its log driver. `reachable` is false when the scrape did not answer within 500 ms (a stalled
 * process): its CPU and memory are then unknown for that second, not zero.
 */
export interface ProcessSample {
  second: number;
  process: string;
  reachable: boolean;
  /** process_cpu_seconds_total (user + system), cumulative. */
  cpuSeconds: number | null;
  /** process_resident_memory_bytes. */
  rssBytes: number | null;
  /** nodejs_eventloop_lag_p99_seconds in ms (prom-client's monitorEventLoopDelay, 10 ms resolution). */
  eventLoopP99Ms: number | null;
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
}
