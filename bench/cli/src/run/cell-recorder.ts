import type { CrashRecord, LinkProxyStats, LogAccounting } from '@paybench/platform-runtime';
import type { ClinicRun, ProcessCpuProfile } from '@paybench/bench-profile';
import type {
  AppliedFault,
  CellCrash,
  CellLoadResult,
  CellResult,
  ForwarderSample,
  LinkProxyCpu,
  ProcessPolicyCounts,
  ProcessSample,
  Reconciliation,
  WrkCrossCheck,
} from '@paybench/bench-results';
import type { Cell, FaultEvent, Scenario } from '@paybench/bench-scenario';
import type { Problem } from './cell-problems.js';
import { cellStatus } from './cell-status.js';
import { harnessCost, type ProbedCost } from './harness-probe.js';
import type { SamplerReadings } from './sampler.js';
import { phasesOf } from './phases.js';

/** Where the per-second samples accumulate while the sampler runs (see sampler.ts). */
export interface SampleSource {
  readonly samples: ProcessSample[];
  readonly forwarderSamples: ForwarderSample[];
}

/** What the cell's result describes besides what was recorded: the cell and the processes it ran. */
export interface CellIdentity {
  readonly cell: Cell;
  readonly scenario: Scenario;
  readonly processes: readonly { readonly name: string; readonly modules: readonly string[] }[];
}

/**
 * Everything a cell records while it runs (problems, the fault timeline, the load's result, the
 * samples, the profiles, the log accounting), written by each stage, and the cell's result built
 * from it, whenever the run ended.
 */
export class CellRecorder {
  private readonly began = Date.now();
  private readonly problems: Problem[] = [];
  private readonly faults: AppliedFault[] = [];
  private loadResult: CellLoadResult | null = null;
  private sampleSource: SampleSource | undefined;
  private accounting: LogAccounting | null = null;
  private cpuProfiles: ProcessCpuProfile[] | undefined;
  private clinicRun: ClinicRun | undefined;
  private readonly notes: string[] = [];
  private linkProxies: LinkProxyStats[] | undefined;
  private linkProxyCpu: LinkProxyCpu | undefined;
  private measuredStart: number | undefined;
  private crashRecords: readonly CrashRecord[] = [];
  private reconciliation: Reconciliation | undefined;
  private policyCounts: ProcessPolicyCounts[] | undefined;
  private probedCost: ReadonlyMap<string, ProbedCost> | undefined;
  private samplerReadings: ReadonlyMap<string, SamplerReadings> | undefined;
  private crossCheck: WrkCrossCheck | undefined;

  /** Records a problem, if there is one. */
  problem(problem: Problem | null): void {
    if (problem) this.problems.push(problem);
  }

  /** Something the reader must know that neither disqualifies the cell nor is a figure; once each. */
  note(note: string): void {
    if (!this.notes.includes(note)) this.notes.push(note);
  }

  /** When the measured window opened (epoch ms): crash times are counted from it. */
  windowOpened(measuredStart: number): void {
    this.measuredStart = measuredStart;
  }

  /** The runtime's crash records (read again when the result is built: a restart may finish after this). */
  crashesSeen(records: readonly CrashRecord[]): void {
    this.crashRecords = records;
  }

  /** The link proxies' counters, taken at the end of the cell. */
  linkProxiesEnded(stats: LinkProxyStats[]): void {
    this.linkProxies = stats;
  }

  /** The CPU of the runner, which hosts the link proxies, over the measured window. */
  linkProxyCpuMeasured(cpu: LinkProxyCpu): void {
    this.linkProxyCpu = cpu;
  }

  /** The resilience policies' counters of every process, taken at the end of the cell. */
  policiesEnded(counts: ProcessPolicyCounts[]): void {
    this.policyCounts = counts;
  }

  /**
   * A fault of the timeline, scheduled: the record is filled in when the forwarder and the links apply it
   * (or refuse).
   */
  plannedFault(fault: FaultEvent): AppliedFault {
    const record: AppliedFault = {
      phase: fault.phase,
      plannedAtMs: fault.at,
      appliedAtMs: null,
      change: fault.forwarder ?? {},
      ...(fault.load ? { load: fault.load } : {}),
      ...(fault.links
        ? { links: fault.links.map((l) => ({ from: l.from, to: l.to, toxics: l.toxics, appliedAs: null })) }
        : {}),
      ...(fault.modules
        ? { modules: fault.modules.map((m) => ({ module: m.module, faults: m.faults, appliedTo: null })) }
        : {}),
      error: null,
    };
    this.faults.push(record);
    return record;
  }

  loadEnded(result: CellLoadResult): void {
    this.loadResult = result;
  }

  /** The sampler's samples, read when the result is built (so far as the sampler got). */
  sampledBy(source: SampleSource): void {
    this.sampleSource = source;
  }

  /** What one of the sampler's readings costs each process, measured before the load. */
  harnessProbed(costs: ReadonlyMap<string, ProbedCost>): void {
    this.probedCost = costs;
  }

  /** How the sampler read each process (requests made, /proc or the process's own figures). */
  harnessRead(readings: ReadonlyMap<string, SamplerReadings>): void {
    this.samplerReadings = readings;
  }

  /** wrk's measurement of the same deployment (`run --cross-check`, closed-loop cells). */
  crossChecked(check: WrkCrossCheck): void {
    this.crossCheck = check;
  }

  cpuProfilesTaken(profiles: ProcessCpuProfile[]): void {
    this.cpuProfiles = profiles;
  }

  clinicDone(run: ClinicRun): void {
    this.clinicRun = run;
  }

  logAccounting(accounting: LogAccounting): void {
    this.accounting = accounting;
  }

  reconciled(reconciliation: Reconciliation): void {
    this.reconciliation = reconciliation;
  }

  /** The cell's result as recorded so far; the status follows from it (see cellStatus). */
  result({ cell, scenario, processes }: CellIdentity, interrupted: boolean): CellResult {
    const status = cellStatus({ interrupted, loadEnded: this.loadResult !== null, problems: this.problems });
    const crashes = this.crashRecords.map((r) => cellCrash(r, this.measuredStart ?? this.began));
    const notes = [...this.notes, ...crashes.map(crashNote)];
    return {
      key: cell.key,
      topology: cell.topology,
      logging: cell.logging,
      load: cell.load,
      repeat: cell.repeat,
      startedAt: new Date(this.began).toISOString(),
      wallMs: Date.now() - this.began,
      status,
      problems: this.problems.map((p) => p.message),
      disqualifying: this.problems.filter((p) => p.disqualifies).map((p) => p.message),
      phases: phasesOf(scenario),
      faults: this.faults,
      processes: processes.map((p) => ({ name: p.name, modules: [...p.modules] })),
      ...(notes.length > 0 ? { notes } : {}),
      ...(this.linkProxies ? { linkProxies: this.linkProxies } : {}),
      ...(this.linkProxyCpu ? { linkProxyCpu: this.linkProxyCpu } : {}),
      ...(crashes.length > 0 ? { crashes } : {}),
      // The preset, even when the topology never started (then no counters): it is part of the cell.
      ...(cell.resilience ? { resilience: { preset: cell.resilience, processes: this.policyCounts ?? [] } } : {}),
      loadResult: this.loadResult,
      samples: this.sampleSource?.samples ?? [],
      forwarderSamples: this.sampleSource?.forwarderSamples ?? [],
      logAccounting: this.accounting,
      ...(this.cpuProfiles ? { cpuProfiles: this.cpuProfiles } : {}),
      ...(this.clinicRun ? { clinic: [this.clinicRun] } : {}),
      ...(this.reconciliation ? { reconciliation: this.reconciliation } : {}),
      ...(this.probedCost && this.samplerReadings
        ? {
            harness: harnessCost(
              processes.map((p) => p.name),
              this.probedCost,
              this.samplerReadings,
            ),
          }
        : {}),
      ...(this.crossCheck ? { crossCheck: this.crossCheck } : {}),
    };
  }
}

/** A crash record with its times counted from the measured window's start. */
function cellCrash(record: CrashRecord, measuredStart: number): CellCrash {
  const since = (at: number | null) => (at === null ? null : at - measuredStart);
  return {
    process: record.process,
    module: record.module,
    killedAtMs: record.killedAt - measuredStart,
    restartAfterMs: record.restartAfterMs,
    restartedAtMs: since(record.restartedAt),
    readyAtMs: since(record.readyAt),
    error: record.error,
  };
}

/** The sentence a crash adds to the cell's notes: deliberate, when, and what became of the process. */
function crashNote(crash: CellCrash): string {
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const killed = `process ${crash.process} killed on purpose at ${s(crash.killedAtMs)} (crash fault on module ${crash.module})`;
  if (crash.restartAfterMs === null) return `${killed}; not restarted: down for the rest of the cell`;
  if (crash.readyAtMs !== null) return `${killed}; restarted, answering again at ${s(crash.readyAtMs)}`;
  if (crash.error !== null) return `${killed}; its restart failed: ${crash.error}`;
  return `${killed}; not restarted before the cell ended`;
}
