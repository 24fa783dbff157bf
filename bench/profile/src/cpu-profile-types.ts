// Types of the built-in CPU breakdown: V8's profile format, and what result.json keeps of it.

/** Where self time goes (see categories.ts for the rules), in display order. */
export const CPU_CATEGORIES = ['business', 'httpServer', 'httpClient', 'json', 'logging', 'database', 'other'] as const;
export type CpuCategory = (typeof CPU_CATEGORIES)[number];

export const CPU_CATEGORY_LABELS: Readonly<Record<CpuCategory, string>> = {
  business: 'business logic',
  httpServer: 'HTTP server',
  httpClient: 'HTTP client',
  json: 'JSON',
  logging: 'logging',
  database: 'database',
  other: 'other',
};

/** A V8 CPU profile as `Profiler.stop` returns it (the `.cpuprofile` file format). */
export interface V8CpuProfile {
  nodes: V8ProfileNode[];
  /** Microseconds, V8's monotonic clock. */
  startTime: number;
  endTime: number;
  /** The node hit by each sample. */
  samples?: number[];
  /** Microseconds from the previous sample (the first: from startTime). */
  timeDeltas?: number[];
}

export interface V8ProfileNode {
  id: number;
  callFrame: { functionName: string; scriptId: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
  children?: number[];
}

/** One function's self time, for the list of the hottest ones. */
export interface HotFunction {
  functionName: string;
  /** Script URL relative to the repository when it is inside it; '' for native code. */
  url: string;
  /** 1-based, as editors count (V8's are 0-based); 0 when unknown. */
  line: number;
  category: CpuCategory;
  selfUs: number;
  /** For native code and Node's own modules: the nearest application or library function that called it. */
  via?: string;
}

/**
 * One process's CPU profile over a cell's measured window, summarised (result.json keeps this;
 * the raw profile is the `.cpuprofile` file next to it). V8 samples the main thread every
 * `samplingIntervalUs`; each non-idle sample says where the thread was. `busyUs` is the main
 * thread's CPU time over the window as the kernel charged it (user + system), shared out between
 * the categories in proportion to their samples (see summarize-cpu-profile.ts for why not the
 * samples' wall-clock gaps). Invariant: the categories add up to `busyUs` exactly.
 */
export interface ProcessCpuProfile {
  process: string;
  modules: string[];
  /** The raw profile, relative to the run directory; null when none could be taken. */
  file: string | null;
  samplingIntervalUs: number;
  /** When the profile started and stopped, ms from the start of the measured window. */
  fromMs: number | null;
  toMs: number | null;
  /** Every sample, and those not `(idle)`. */
  samples: number;
  busySamples: number;
  /** endTime - startTime of the profile (wall time). */
  durationUs: number;
  /** Main-thread CPU time over the window: the profile's total. */
  busyUs: number;
  /** `thread-cpu`: measured by the kernel (the normal case); `samples`: busy samples x interval (no measurement). */
  busySource: 'thread-cpu' | 'samples';
  /** Wall time the event loop spent waiting, from the (idle) samples; not part of the total. */
  idleUs: number;
  /** The whole process's CPU time over the window (all threads: GC helpers, JIT compiler, libuv pool...); null when unknown. */
  processCpuUs: number | null;
  /**
   * The CPUs V8's sampler thread ran on, moved off the process's own (see pin-sampler-thread.ts in bench/cli: beside
   * the process, on a shared core, its samples pile up where the main thread yields); null: beside the process (an
   * unpinned run, or the move failed). Absent in results written before it was recorded.
   */
  samplerCpus?: string | null;
  /** busyUs shared out by category; adds up to busyUs. */
  categories: Record<CpuCategory, number>;
  /** The hottest functions by samples (idle excluded), at most 15, with their share of busyUs. */
  top: HotFunction[];
  /** Why there is no profile (the process did not answer, crashed...), else null. */
  error: string | null;
}

/** A clinic.js tool run on one process of a cell. */
export interface ClinicRun {
  tool: string;
  process: string;
  /** The tool's data and HTML report, relative to the run directory; null when not written. */
  data: string | null;
  html: string | null;
  status: 'ok' | 'timeout' | 'failed';
  message: string;
}
