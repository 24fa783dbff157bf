// The machine's floor (RunResult.environment.floor): what the same tools measure here against servers with
// nothing of paybench in them, before the cells. Measured by bench/cli/src/calibrate/measure-floor.ts.

/** One floor measurement: autocannon's closed loop against the floor's servers, pinned like the cells. */
export interface FloorMeasurement {
  /** Answers per second in the measured window (autocannon's closed loop). */
  throughput: number;
  /** Send to last byte, microseconds. */
  p50: number;
  p99: number;
  /** Requests that got no answer, or an answer other than 2xx, over the whole measurement. */
  failed: number;
  /**
   * CPU time (user + system, from /proc/<pid>/stat) of the server processes per request they answered, over
   * warm-up and window together, microseconds. For the hop: both processes together.
   */
  cpuMicrosPerRequest: number | null;
}

export interface MachineFloor {
  /** A bare express 5 app answering a JSON POST (a checkout's body, as the cells build it) in one process. */
  express: FloorMeasurement;
  /** The same request through a second bare express process that forwards it over an undici keep-alive Pool. */
  hop: FloorMeasurement;
  /** hop CPU per request - express CPU per request: what one express-to-express hop costs, microseconds. */
  hopCpuMicros: number | null;
  connections: number;
  durationMs: number;
  warmupMs: number;
  /** How it was measured, in one sentence, for the reader of result.json. */
  method: string;
}

/** Why a run has no floor (`--no-floor`, or the measurement failed): the reason, never a silent gap. */
export interface MissingFloor {
  skipped: string;
}
