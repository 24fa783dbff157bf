import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { ClinicTool } from '@paybench/bench-profile';
import {
  type CellResult,
  createRunDir,
  type MachineFloor,
  type MissingFloor,
  RESULT_SCHEMA,
  RESULT_SCHEMA_VERSION,
  type RunResult,
  writeFileAtomic,
} from '@paybench/bench-results';
import { type Cell, planCells, type Scenario } from '@paybench/bench-scenario';
import { summarizeRun } from '@paybench/bench-analysis';
import { DEFAULT_FLOOR, measureFloor } from '../calibrate/measure-floor.js';
import { describeEnvironment, type Pinning } from './environment.js';
import type { ExternalTarget } from './external-target.js';
import { phasesOf } from './phases.js';
import { Progress } from './progress.js';
import { runCell, type CellProfiling } from './run-cell.js';

export interface RunOptions {
  scenario: Scenario;
  scenarioFile: string;
  topologies?: readonly string[];
  resultsRoot: string;
  pinning: Pinning;
  authSecret: string;
  signal: AbortSignal;
  profiling?: RunProfiling;
  /** Why the machine's floor is not measured before the cells (absent: it is measured); stored as the reason. */
  skipFloor?: string;
  /** `--cross-check`: closed-loop cells are measured by wrk too. */
  crossCheck?: boolean;
  /** `--target`: every cell runs on this deployment, except those refused (by key, with the reason). */
  external?: { target: ExternalTarget; refused: ReadonlyMap<string, string> };
  /** `--workers`: remote generator workers send every open loop (see run/workers/). */
  remoteWorkers?: { addresses: readonly string[]; token: string };
}

/** What to profile in every cell, by the cell's topology (as the scenario names it). */
export interface RunProfiling {
  /** Built-in CPU breakdown: V8 CPU profiles of these processes over each measured window. */
  cpu?: { processes: Readonly<Record<string, readonly string[]>>; samplingIntervalUs: number };
  /** One process per topology under a clinic.js tool. */
  clinic?: { tool: ClinicTool; processes: Readonly<Record<string, string>>; timeoutMs: number };
}

export interface RunOutcome {
  result: RunResult;
  dir: string;
}

/**
 * Runs every cell of a scenario in order and writes result.json after each one, so an
 * interrupted run keeps everything measured so far (marked incomplete).
 */
export async function runScenario(options: RunOptions): Promise<RunOutcome> {
  const { scenario } = options;
  const { external } = options;
  const cells = planCells(scenario, options.topologies ? { topologies: options.topologies } : {}).filter(
    (cell) => !external?.refused.has(cell.key),
  );
  const startedAt = new Date();
  const { runId, dir } = createRunDir(options.resultsRoot, startedAt, scenario.name);
  pinSelf(options.pinning.sut);

  const result: RunResult = {
    schema: RESULT_SCHEMA,
    version: RESULT_SCHEMA_VERSION,
    runId,
    scenario: options.topologies ? { ...scenario, topologies: [...options.topologies] } : scenario,
    scenarioFile: options.scenarioFile,
    startedAt: startedAt.toISOString(),
    finishedAt: startedAt.toISOString(),
    complete: false,
    interruption: null,
    environment: describeEnvironment(options.pinning),
    cells: [],
    summaries: [],
    comparisons: [],
    ...(options.profiling ? { profiling: profilingInfo(options.profiling) } : {}),
    ...(external
      ? {
          external: {
            description: external.target.targets.description,
            targetFile: external.target.file,
            topology: external.target.targets.topology,
            refused: [...external.refused].map(([key, reason]) => ({ key, reason })),
          },
        }
      : {}),
  };
  const save = () => {
    result.finishedAt = new Date().toISOString();
    writeFileAtomic(join(dir, 'result.json'), `${JSON.stringify(result, null, 1)}\n`);
  };
  save();
  result.environment = { ...result.environment, floor: await machineFloor(options, runId) };
  save();

  const progress = new Progress(cells.length, scenario.warmup + scenario.duration + 15_000);
  const phases = phasesOf(scenario);
  for (const [index, cell] of cells.entries()) {
    if (options.signal.aborted) break;
    progress.cell(index, describe(cell));
    const cellDir = `${String(index + 1).padStart(2, '0')}-${cell.key.replace(/\//g, '_')}-r${cell.repeat}`;
    const cellResult: CellResult = await runCell({
      scenario,
      cell,
      index,
      runTag: runId,
      authSecret: options.authSecret,
      pinning: options.pinning,
      logDir: join(dir, 'logs', cellDir),
      ...(options.profiling ? { profiling: cellProfiling(options.profiling, cell.topology, dir, cellDir) } : {}),
      signal: options.signal,
      ...(options.crossCheck ? { crossCheck: true } : {}),
      ...(external ? { target: external.target } : {}),
      ...(options.remoteWorkers ? { remoteWorkers: options.remoteWorkers } : {}),
      onSecond: (sample) => progress.second(sample, phases, scenario.duration),
      onStage: (stage) => progress.stage(stage),
    });
    progress.cellDone();
    if (cellResult.status !== 'ok')
      progress.stage(`${cellResult.status.toUpperCase()}: ${cellResult.problems.join('; ')}`);
    result.cells.push(cellResult);
    Object.assign(result, summarizeRun(result));
    save();
  }
  result.interruption = options.signal.aborted ? String(options.signal.reason ?? 'interrupted') : null;
  result.complete = !options.signal.aborted && result.cells.length === cells.length;
  save();
  return { result, dir };
}

/** The machine's floor, or why there is none: a failed measurement is said, and the run goes on without it. */
async function machineFloor(options: RunOptions, runId: string): Promise<MachineFloor | MissingFloor> {
  if (options.skipFloor !== undefined) return { skipped: options.skipFloor };
  const say = (line: string) => process.stderr.write(`${line}\n`);
  try {
    const floor = await measureFloor({
      pinning: options.pinning,
      ...DEFAULT_FLOOR,
      traffic: {
        seed: options.scenario.seed,
        population: options.scenario.population,
        authSecret: options.authSecret,
        runTag: `${runId}-floor`,
        mix: options.scenario.mix,
        orderIds: [],
      },
      signal: options.signal,
      onProgress: say,
    });
    // Stopped half-way, its figures cover a part of a window: none is better than a wrong one.
    return options.signal.aborted ? { skipped: 'interrupted while it was measured' } : floor;
  } catch (error) {
    say(`machine floor not measured: ${(error as Error).message}`);
    return { skipped: `the measurement failed: ${(error as Error).message}` };
  }
}

function cellProfiling(profiling: RunProfiling, topology: string, runDir: string, cellDir: string): CellProfiling {
  const cpu = profiling.cpu?.processes[topology];
  const clinic = profiling.clinic?.processes[topology];
  return {
    runDir,
    ...(profiling.cpu && cpu && cpu.length > 0
      ? {
          cpu: {
            processes: cpu,
            samplingIntervalUs: profiling.cpu.samplingIntervalUs,
            dir: join(runDir, 'profiles', cellDir),
          },
        }
      : {}),
    ...(profiling.clinic && clinic
      ? {
          clinic: {
            tool: profiling.clinic.tool,
            process: clinic,
            dir: join(runDir, 'clinic', cellDir),
            timeoutMs: profiling.clinic.timeoutMs,
          },
        }
      : {}),
  };
}

function profilingInfo(profiling: RunProfiling): NonNullable<RunResult['profiling']> {
  if (profiling.clinic) {
    return {
      tool: profiling.clinic.tool,
      processes: Object.fromEntries(Object.entries(profiling.clinic.processes).map(([t, p]) => [t, [p]])),
      samplingIntervalUs: null,
    };
  }
  return {
    tool: 'cpu',
    processes: Object.fromEntries(Object.entries(profiling.cpu?.processes ?? {}).map(([t, p]) => [t, [...p]])),
    samplingIntervalUs: profiling.cpu?.samplingIntervalUs ?? null,
  };
}

function describe(cell: Cell): string {
  const load =
    cell.load.kind === 'open'
      ? `open loop ${cell.load.rate} req/s`
      : cell.load.kind === 'steps'
        ? `steps from ${cell.load.start} req/s x${cell.load.factor} every ${cell.load.step / 1000} s`
        : `closed loop ${cell.load.connections} connections`;
  return `${cell.topology} / logging ${cell.logging.name} / ${load} / repeat ${cell.repeat}`;
}

/**
 * The bench process runs the supervisor, hence every log driver: it belongs with the system
 * under test, on the SUT's CPUs, away from the load generator's.
 */
function pinSelf(cpuList: string | null): void {
  if (!cpuList) return;
  try {
    execFileSync('taskset', ['-a', '-p', '-c', cpuList, String(process.pid)], { stdio: 'ignore' });
  } catch {
    // Pinning is best effort; the environment block records what was asked for.
  }
}
