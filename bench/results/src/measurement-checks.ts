/**
 * Optional (added within version 1): what the harness's own readings cost the system under test, per
 * process. Once a second the sampler reads each process's CPU and RSS from /proc/<pid> (free for the
 * process) and asks it, on its internal listener, only for what only it knows (`GET /stats/sample`:
 * event-loop delay, logger counters). Before the load, each process's cost of one such request is
 * measured: K requests back to back, the process's own CPU counter (process.cpuUsage, µs) read inside
 * each, (last - first) / K; an upper bound, as it includes the process's idle CPU over those few ms.
 * The same is measured for a /metrics scrape (prom-client's default set), what the harness did before,
 * for comparison.
 */
export interface HarnessCost {
  processes: HarnessProcessCost[];
}

export interface HarnessProcessCost {
  process: string;
  /** Requests the sampler made to the process during the cell (one a second). */
  scrapes: number;
  /** Measured CPU of the process per sample request, ms; null when the probe could not measure it. */
  cpuMsPerScrape: number | null;
  /** The same for one /metrics scrape (what the sampler read before), ms; null when not measured. */
  metricsCpuMsPerScrape: number | null;
  /** Seconds whose CPU and RSS came from /proc/<pid> (the supervisor's reading) and from the process's own reply. */
  readVia: { proc: number; process: number };
  /** The pid the supervisor started differs from the app's (a wrapper such as clinic runs between): then /proc of the app's pid. */
  wrapped: boolean;
}

/**
 * Optional (`paybench run --cross-check`; added within version 1): a closed-loop cell measured a second
 * time by Debian's wrk, against the same deployment right after paybench's closed loop, with the same
 * connections, pinning, duration and request bodies (a generated Lua script cycles through them; every
 * idempotency key is new, as in paybench's loop). Raw figures as wrk printed them.
 */
export interface WrkCrossCheck {
  tool: 'wrk';
  /** wrk's version line. */
  version: string;
  connections: number;
  threads: number;
  durationMs: number;
  /** Requests wrk completed in the window and their rate. */
  requests: number;
  requestsPerSecond: number;
  /** Answers that were not 2xx/3xx (wrk's "Non-2xx or 3xx responses"). */
  non2xx: number;
  /** Socket errors: connect, read, write, timeout. */
  socketErrors: { connect: number; read: number; write: number; timeout: number };
  latencyP50Ms: number | null;
  latencyP99Ms: number | null;
  /** Distinct bodies in the Lua list (cycled; each sent with a fresh idempotency key). */
  bodies: number;
  /** Null when wrk could not run: why. */
  error: string | null;
}
