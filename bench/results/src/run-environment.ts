// The machine a run ran on, as result.json stores it (RunResult.environment). Described by
// bench/cli/src/run/environment.ts; a type of the stored model, so it lives with the result schema.
import type { MachineFloor, MissingFloor } from './machine-floor.js';

export interface Pinning {
  /** CPU list (taskset syntax) for the system under test, its supervisor and the log pipeline. */
  readonly sut: string | null;
  /** CPU list for the load generator. */
  readonly load: string | null;
  /** Why pinning is off, when it is. */
  readonly note: string;
}

export interface RunEnvironment {
  readonly node: string;
  readonly platform: string;
  readonly kernel: string;
  readonly cpuModel: string;
  readonly cores: number;
  readonly memoryBytes: number;
  readonly gitCommit: string | null;
  readonly gitDirty: boolean | null;
  readonly pinning: Pinning;
  readonly ci: boolean;
  /** The machine's floor, measured before the cells (absent in results recorded before it existed). */
  readonly floor?: MachineFloor | MissingFloor;
}
