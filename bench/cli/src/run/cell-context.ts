import type { SecondSample } from '@paybench/bench-load';
import type { ClinicTool } from '@paybench/bench-profile';
import type { Cell, Scenario } from '@paybench/bench-scenario';
import type { Pinning } from './environment.js';
import type { ExternalTarget } from './external-target.js';

/** What one cell runs, where it writes, and whom it tells how it goes. */
export interface CellContext {
  readonly scenario: Scenario;
  readonly cell: Cell;
  readonly index: number;
  readonly runTag: string;
  readonly authSecret: string;
  readonly pinning: Pinning;
  /** Where this cell's process stderr and forwarder logs are kept. */
  readonly logDir: string;
  readonly signal: AbortSignal;
  readonly onSecond?: (sample: SecondSample) => void;
  readonly onStage?: (stage: string) => void;
  readonly profiling?: CellProfiling;
  /** `run --cross-check`: a closed-loop cell is measured by wrk too (see cross-check.ts). */
  readonly crossCheck?: boolean;
  /** `run --target`: the cell runs on this deployment, which the runner neither starts nor stops. */
  readonly target?: ExternalTarget;
  /** `run --workers`: open loops are sent by these remote generator workers (see workers/), with this token. */
  readonly remoteWorkers?: { readonly addresses: readonly string[]; readonly token: string };
}

/** What to profile in a cell (see bench/profile). */
export interface CellProfiling {
  /** V8 CPU profiles of these processes over the measured window, written into `dir`. */
  readonly cpu?: { readonly processes: readonly string[]; readonly samplingIntervalUs: number; readonly dir: string };
  /** One process run under a clinic.js tool, writing into `dir`. */
  readonly clinic?: CellClinic;
  /** The run directory: files are recorded relative to it. */
  readonly runDir: string;
}

export interface CellClinic {
  readonly tool: ClinicTool;
  readonly process: string;
  readonly dir: string;
  readonly timeoutMs: number;
}
