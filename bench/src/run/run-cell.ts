import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTopology, type LogAccounting, type RunningTopology } from '@paybench/platform-runtime';
import { loadTopology, resolveTopology } from '@paybench/platform-topology';
import type { SecondSample } from '../load/index.js';
import { clinicOutcome, clinicWrapper, type ClinicTool } from '../profile/clinic.js';
import { CpuProfileSession } from '../profile/collect-cpu-profiles.js';
import type { ClinicRun, ProcessCpuProfile } from '../profile/cpu-profile-types.js';
import type { AppliedFault, CellLoadResult, CellResult, CellStatus } from '../results/result-schema.js';
import type { Cell } from '../scenario/plan-cells.js';
import type { Scenario } from '../scenario/scenario-schema.js';
import type { Pinning } from './environment.js';
import { generatorLagProblem } from './generator-lag.js';
import { startLoadProcess } from './load-process.js';
import { phasesOf } from './phases.js';
import { primeOrders } from './prime-orders.js';
import { startSampler } from './sampler.js';
import type { TrafficPlan } from './traffic.js';

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
}

/** What to profile in a cell (see bench/src/profile). */
export interface CellProfiling {
  /** V8 CPU profiles of these processes over the measured window, written into `dir`. */
  readonly cpu?: { readonly processes: readonly string[]; readonly samplingIntervalUs: number; readonly dir: string };
  /** One process run under a clinic.js tool, writing into `dir`. */
  readonly clinic?: { readonly tool: ClinicTool; readonly process: string; readonly dir: string; readonly timeoutMs: number };
  /** The run directory: files are recorded relative to it. */
  readonly runDir: string;
}

const PRIMED_ORDERS = 200;
const SETTLE_TIMEOUT_MS = 20_000;

/**
 * Runs one cell: starts the topology with the cell's logging configuration, creates orders for
 * the order-status class, runs the load (warm-up, then the measured window) while the fault
 * timeline changes the forwarder and a sampler scrapes every process once a second, then lifts
 * the faults, waits for the log pipeline to drain, reads the accounting and stops everything.
 * Whatever happens, the processes are stopped and a result (maybe failed) is returned.
 */
export async function runCell(ctx: CellContext): Promise<CellResult> {
  const { scenario, cell } = ctx;
  const began = Date.now();
  const problems: string[] = [];
  const faults: AppliedFault[] = [];
  let loadResult: CellLoadResult | null = null;
  let accounting: LogAccounting | null = null;
  let running: RunningTopology | undefined;
  let sampler: ReturnType<typeof startSampler> | undefined;
  let cpuProfiles: ProcessCpuProfile[] | undefined;
  let clinicRun: ClinicRun | undefined;
  let profiler: CpuProfileSession | undefined;
  let profilerStarted: Promise<void> | undefined;
  let failedEarly = false;
  const timers: NodeJS.Timeout[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'paybench-cell-'));
  mkdirSync(ctx.logDir, { recursive: true });
  const spec = loadTopology(cell.topology);

  try {
    ctx.onStage?.('starting');
    running = await startWithFreePorts(spec, dataDir, ctx, problems);
    const entry = running.topology.entry;
    const ordersHost = running.topology.processes.find((p) => p.modules.includes('orders')) ?? entry;
    const plan: TrafficPlan = {
      seed: scenario.seed,
      population: scenario.population,
      authSecret: ctx.authSecret,
      runTag: `${ctx.runTag}-c${ctx.index}`,
      mix: scenario.mix,
      orderIds: [],
    };
    if (scenario.mix.orderStatus > 0) {
      ctx.onStage?.('creating orders to read');
      const primed = await primeOrders(entry.url, plan, PRIMED_ORDERS);
      plan.orderIds = primed.ids;
      if (primed.ids.length === 0) throw new Error(`could not create any order before the run: ${primed.failures.slice(0, 3).join('; ')}`);
      if (primed.failures.length > 0) problems.push(`${primed.failures.length} of ${PRIMED_ORDERS} priming checkouts failed (${primed.failures[0]})`);
    }

    // Children no longer die of a terminal's Ctrl-C: an interruption before the load is honoured here.
    if (ctx.signal.aborted) throw new Error(`interrupted (${String(ctx.signal.reason)}) before the load started`);
    ctx.onStage?.('warm-up');
    const common = { plan, durationMs: scenario.duration, warmupMs: scenario.warmup, timeoutMs: scenario.timeout };
    const load = startLoadProcess(
      cell.load.kind === 'open'
        ? { type: 'start', kind: 'open', origins: { checkout: entry.url, orderStatus: ordersHost.url }, rate: cell.load.rate, maxInFlight: cell.load.maxInFlight, seed: scenario.seed, ...common }
        : { type: 'start', kind: 'closed', origin: entry.url, connections: cell.load.connections, ...common },
      { cpuList: ctx.pinning.load, ...(ctx.onSecond ? { onSecond: ctx.onSecond } : {}) },
    );
    const onAbort = () => load.abort();
    ctx.signal.addEventListener('abort', onAbort, { once: true });

    const measuredStart = (await Promise.race([load.started, load.result.then(() => Date.now())])) + scenario.warmup;
    const topology = running;
    const cpu = ctx.profiling?.cpu;
    if (cpu) {
      const targets = running.topology.processes.filter((p) => cpu.processes.includes(p.name)).map((p) => ({ process: p, file: join(cpu.dir, `${p.name}.cpuprofile`) }));
      const session = new CpuProfileSession(targets, {
        samplingIntervalUs: cpu.samplingIntervalUs,
        runDir: ctx.profiling?.runDir ?? ctx.logDir,
        measuredStartMs: () => measuredStart,
        internalHeaders: topology.internalHeaders(),
      });
      profiler = session;
      timers.push(setTimeout(() => (profilerStarted = session.start()), Math.max(0, measuredStart - Date.now())));
    }
    timers.push(setTimeout(() => (sampler = startSampler(topology, () => measuredStart)), Math.max(0, measuredStart - Date.now())));
    timers.push(setTimeout(() => ctx.onStage?.('measuring'), Math.max(0, measuredStart - Date.now())));
    for (const fault of scenario.faults) {
      const record: AppliedFault = { phase: fault.phase, plannedAtMs: fault.at, appliedAtMs: null, change: fault.forwarder, error: null };
      faults.push(record);
      timers.push(
        setTimeout(() => {
          ctx.onStage?.(`phase ${fault.phase}`);
          topology.setLogOptions({ forwarder: fault.forwarder }).then(
            () => (record.appliedAtMs = Date.now() - measuredStart),
            (error: unknown) => (record.error = (error as Error).message),
          );
        }, Math.max(0, measuredStart + fault.at - Date.now())),
      );
    }

    try {
      loadResult = await load.result;
    } finally {
      ctx.signal.removeEventListener('abort', onAbort);
      timers.forEach(clearTimeout);
      await sampler?.stop();
      if (profiler) {
        await profilerStarted;
        cpuProfiles = await profiler.stop();
        for (const profile of cpuProfiles) if (profile.error) problems.push(`CPU profile of ${profile.process}: ${profile.error}`);
      }
    }
    const lagProblem = generatorLagProblem(loadResult);
    if (lagProblem) problems.push(lagProblem);

    ctx.onStage?.('draining logs');
    accounting = await settle(running, cell, scenario, problems);
    if (!accounting.holds) {
      problems.push(`log accounting does not hold: ${accounting.processes.flatMap((a) => a.problems.map((p) => `${a.process}: ${p}`)).join('; ')}`);
    }
    else if (!accounting.settled) problems.push(`log lines still in flight ${SETTLE_TIMEOUT_MS / 1000} s after the load stopped`);
  } catch (error) {
    problems.push((error as Error).message);
    // Failed before the load ended: reported once everything is stopped (and a profiler's output known).
    if (!loadResult) failedEarly = true;
  } finally {
    timers.forEach(clearTimeout);
    ctx.onStage?.('stopping');
    const stopped = await running?.stop().catch((error: unknown) => {
      problems.push(`stopping failed: ${(error as Error).message}`);
      return undefined;
    });
    const clinic = ctx.profiling?.clinic;
    for (const [name, result] of Object.entries(stopped ?? {})) if (result.killed && name !== clinic?.process) problems.push(`${name} ignored SIGTERM and was killed`);
    if (clinic && running) {
      const result = stopped?.[clinic.process];
      clinicRun = clinicOutcome(clinic.tool, { dir: clinic.dir, name: clinic.process, process: clinic.process, runDir: ctx.profiling?.runDir ?? ctx.logDir, killed: result?.killed ?? false, timeoutMs: clinic.timeoutMs, exit: result ?? null });
      if (clinicRun.status !== 'ok') problems.push(clinicRun.message);
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
  return finish(failedEarly ? 'failed' : ctx.signal.aborted ? 'interrupted' : problems.some(isDisqualifying) ? 'invalid' : 'ok');

  function finish(status: CellStatus): CellResult {
    return {
      key: cell.key,
      topology: cell.topology,
      logging: cell.logging,
      load: cell.load,
      repeat: cell.repeat,
      startedAt: new Date(began).toISOString(),
      wallMs: Date.now() - began,
      status: ctx.signal.aborted ? 'interrupted' : status,
      problems,
      phases: phasesOf(scenario),
      faults,
      processes: spec.processes.map((p) => ({ name: p.name, modules: [...p.modules] })),
      loadResult,
      samples: sampler?.samples ?? [],
      forwarderSamples: sampler?.forwarderSamples ?? [],
      logAccounting: accounting,
      ...(cpuProfiles ? { cpuProfiles } : {}),
      ...(clinicRun ? { clinic: [clinicRun] } : {}),
    };
  }
}

/** Problems that make a cell's figures untrustworthy (others are recorded but do not). */
function isDisqualifying(problem: string): boolean {
  return /could not keep its schedule|accounting does not hold|log lines still in flight|exited unexpectedly/.test(problem);
}

async function startWithFreePorts(spec: ReturnType<typeof loadTopology>, dataDir: string, ctx: CellContext, problems: string[]): Promise<RunningTopology> {
  const clinic = ctx.profiling?.clinic;
  if (clinic) mkdirSync(clinic.dir, { recursive: true });
  for (let attempt = 1; ; attempt++) {
    // Below 32768: Linux hands out ephemeral ports (outgoing connections) from 32768 up.
    const basePort = 20_000 + 200 * Math.floor(Math.random() * 60);
    const topology = resolveTopology(spec, { basePort, dataDir });
    try {
      return await startTopology(topology, {
        settings: { seed: ctx.scenario.seed, consumers: ctx.scenario.population, authSecret: ctx.authSecret },
        logger: { mode: ctx.cell.logging.logger.mode, maxBufferBytes: ctx.cell.logging.logger.maxBufferBytes },
        logPipeline: {
          driver: { mode: ctx.cell.logging.driver.mode, maxBufferBytes: ctx.cell.logging.driver.maxBufferBytes },
          forwarder: { whenFull: ctx.cell.logging.forwarder.whenFull, maxEvents: ctx.cell.logging.forwarder.maxEvents, sink: { mode: 'normal' } },
        },
        callTimeoutMs: ctx.scenario.timeout,
        logDir: ctx.logDir,
        ...(clinic ? { wrappers: { [clinic.process]: clinicWrapper(clinic.tool, { dir: clinic.dir, name: clinic.process, timeoutMs: clinic.timeoutMs }) } } : {}),
        cpuList: ctx.pinning.sut,
        onUnexpectedExit: (name, info, stderr) => problems.push(`process ${name} exited unexpectedly (code ${info.code ?? '-'}, signal ${info.signal ?? '-'}): ${stderr.split('\n').slice(-2).join(' ')}`),
      });
    } catch (error) {
      // Another run on this machine holds a port (bound, or answering before our process bound it): try other ports.
      if (attempt >= 3 || !/already in use|nonce mismatch/.test(String(error))) throw error;
    }
  }
}

/** Lifts every fault (sink normal, the configured buffer policy) and waits for the logs to drain. */
async function settle(running: RunningTopology, cell: Cell, scenario: Scenario, problems: string[]): Promise<LogAccounting> {
  if (scenario.faults.length > 0) {
    // A forwarder that cannot take the change (gone) is for the accounting to report.
    await running
      .setLogOptions({ forwarder: { sink: { mode: 'normal' }, whenFull: cell.logging.forwarder.whenFull } })
      .catch((error: unknown) => problems.push(`could not lift the faults: ${(error as Error).message}`));
  }
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  let accounting = await running.logAccounting();
  // Once the forwarder's counts are gone, waiting cannot settle anything.
  while (!accounting.settled && accounting.forwarderError === null && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    accounting = await running.logAccounting();
  }
  return accounting;
}
