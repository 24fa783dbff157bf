import { mkdirSync } from 'node:fs';
import {
  startTopology,
  type ProcessWrapper,
  type RunningTopology,
  type StartOptions,
} from '@paybench/platform-runtime';
import { resiliencePreset } from '@paybench/platform-resilience';
import { resolveTopology, type TopologySpec } from '@paybench/platform-topology';
import { clinicWrapper } from '@paybench/bench-profile';
import type { CellClinic, CellContext } from './cell-context.js';
import { primingProblem, restartFailedProblem, unexpectedExitProblem } from './cell-problems.js';
import type { CellRecorder } from './cell-recorder.js';
import { primeOrders } from './prime-orders.js';
import { scenarioLinks } from './scenario-links.js';
import type { TrafficPlan } from './traffic.js';

const PRIMED_ORDERS = 200;

/**
 * Starts the cell's topology with its logging configuration, on ports no other run holds, with the
 * clinic wrapper around the profiled process when there is one, and a fault proxy on every link the
 * scenario names that crosses processes (a link inside one process is noted: no fault applies). A
 * process that dies from then on is recorded as a problem.
 */
export async function startCell(
  ctx: CellContext,
  spec: TopologySpec,
  dataDir: string,
  recorder: CellRecorder,
): Promise<RunningTopology> {
  ctx.onStage?.('starting');
  const clinic = ctx.profiling?.clinic;
  if (clinic) mkdirSync(clinic.dir, { recursive: true });
  const options = startOptions(ctx, recorder);
  for (let attempt = 1; ; attempt++) {
    // Below 32768: Linux hands out ephemeral ports (outgoing connections) from 32768 up.
    const basePort = 20_000 + 200 * Math.floor(Math.random() * 60);
    const topology = resolveTopology(spec, { basePort, dataDir });
    try {
      const running = await startTopology(topology, options);
      for (const note of running.linkNotes()) recorder.note(note);
      return running;
    } catch (error) {
      // Another run on this machine holds a port (bound, or answering before our process bound it): try other ports.
      if (attempt >= 3 || !/already in use|nonce mismatch/.test(String(error))) throw error;
    }
  }
}

function startOptions(ctx: CellContext, recorder: CellRecorder): StartOptions {
  const { logging } = ctx.cell;
  const clinic = ctx.profiling?.clinic;
  return {
    settings: { seed: ctx.scenario.seed, consumers: ctx.scenario.population, authSecret: ctx.authSecret },
    logger: { mode: logging.logger.mode, maxBufferBytes: logging.logger.maxBufferBytes },
    logPipeline: {
      driver: { mode: logging.driver.mode, maxBufferBytes: logging.driver.maxBufferBytes },
      forwarder: {
        ...(logging.forwarder.kind ? { kind: logging.forwarder.kind } : {}),
        whenFull: logging.forwarder.whenFull,
        maxEvents: logging.forwarder.maxEvents,
        sink: { mode: 'normal' },
      },
    },
    callTimeoutMs: ctx.scenario.timeout,
    // The cell's resilience preset, if the scenario lists presets: every process wraps its remote calls in it.
    ...(ctx.cell.resilience ? { resilience: resiliencePreset(ctx.cell.resilience) } : {}),
    links: scenarioLinks(ctx.scenario),
    logDir: ctx.logDir,
    ...(clinic ? { wrappers: { [clinic.process]: wrapperOf(clinic) } } : {}),
    cpuList: ctx.pinning.sut,
    onUnexpectedExit: (name, info, stderr) => recorder.problem(unexpectedExitProblem(name, info, stderr)),
    onRestartFailed: (name, error) => recorder.problem(restartFailedProblem(name, error)),
  };
}

function wrapperOf(clinic: CellClinic): ProcessWrapper {
  return clinicWrapper(clinic.tool, { dir: clinic.dir, name: clinic.process, timeoutMs: clinic.timeoutMs });
}

/**
 * The traffic to send the cell, with the orders the order-status class reads created beforehand
 * (through `origin`, the entry). Creating none at all fails the cell; some failures are recorded.
 */
export async function planTraffic(ctx: CellContext, origin: string, recorder: CellRecorder): Promise<TrafficPlan> {
  const { scenario } = ctx;
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
    const primed = await primeOrders(origin, plan, PRIMED_ORDERS);
    plan.orderIds = primed.ids;
    if (primed.ids.length === 0) {
      throw new Error(`could not create any order before the run: ${primed.failures.slice(0, 3).join('; ')}`);
    }
    recorder.problem(primingProblem(primed.failures, PRIMED_ORDERS));
  }
  return plan;
}
