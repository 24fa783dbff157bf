import { RequestLedger, type LedgerSnapshot } from '@paybench/bench-load';
import type { RunningTopology } from '@paybench/platform-runtime';
import type { CellLoadResult } from '@paybench/bench-results';
import type { CellContext } from './cell-context.js';
import { interruptedProblem } from './cell-problems.js';
import type { CellRecorder } from './cell-recorder.js';
import { generatorLagProblem } from './generator-lag.js';
import { probeHarnessCost } from './harness-probe.js';
import type { WorkerStart } from './load-worker.js';
import { startLoadProcess } from './load-process.js';
import { rateSteps } from './load-timeline.js';
import { watchMeasuredWindow } from './measured-window.js';
import { describeWorkers, openLoopWorkers } from './workers/choose-workers.js';
import { startWorkersLoad } from './workers/workers-load.js';
import type { TrafficPlan } from './traffic.js';

/**
 * Runs the cell's load (warm-up, then the measured window) in the load generator's process while
 * the measured window is watched (samples, profiles, the fault timeline), and records its result.
 * Ctrl-C (the signal) aborts the load: the worker ends early and still returns what it measured.
 * Returns the open loop's ledgers of checkouts by class (how each ended), for the reconciliation; null for a closed loop.
 */
export async function measureCell(
  ctx: CellContext,
  running: RunningTopology,
  plan: TrafficPlan,
  recorder: CellRecorder,
): Promise<Map<string, RequestLedger> | null> {
  // Children no longer die of a terminal's Ctrl-C: an interruption before the load is honoured here.
  if (ctx.signal.aborted) throw new Error(`interrupted (${String(ctx.signal.reason)}) before the load started`);
  // Before any load, on idle processes: what one of the sampler's readings costs each (see harness-probe.ts).
  recorder.harnessProbed(await probeHarnessCost(running));
  ctx.onStage?.('warm-up');
  let ledgers: Map<string, RequestLedger> | null = null;
  const start = workerStart(ctx, running, plan);
  const hooks = {
    ...(ctx.onSecond ? { onSecond: ctx.onSecond } : {}),
    onLedger: (snapshots: Record<string, LedgerSnapshot>) =>
      (ledgers = new Map(Object.entries(snapshots).map(([name, snapshot]) => [name, RequestLedger.from(snapshot)]))),
  };
  // An open loop on several generator workers (scenario `workers`, or `run --workers`), else the one generator.
  const workers = start.kind === 'open' ? openLoopWorkers(ctx) : null;
  const load =
    start.kind === 'open' && workers !== null
      ? startWorkersLoad(start, workers.endpoints(), { ...hooks, placement: workers.placement, token: workers.token })
      : startLoadProcess(start, {
          cpuList: ctx.pinning.load,
          ...hooks,
          ...(ctx.onStage ? { onStep: ctx.onStage } : {}),
        });
  let abortedAt: number | undefined;
  const onAbort = () => {
    abortedAt = Date.now();
    load.abort();
  };
  ctx.signal.addEventListener('abort', onAbort, { once: true });

  const measuredStart = (await Promise.race([load.started, load.result.then(() => Date.now())])) + ctx.scenario.warmup;
  const watch = watchMeasuredWindow(ctx, running, measuredStart, recorder);
  let result: CellLoadResult;
  try {
    result = await load.result;
    recorder.loadEnded(result);
    if (result.kind === 'open' && result.result.workers) ctx.onStage?.(describeWorkers(result.result.workers));
  } finally {
    ctx.signal.removeEventListener('abort', onAbort);
    await watch.close();
  }
  if (abortedAt !== undefined) {
    recorder.problem(interruptedProblem(String(ctx.signal.reason), abortedAt - measuredStart, ctx.scenario.duration));
  }
  recorder.problem(generatorLagProblem(result));
  return ledgers;
}

/** The load generator's instructions: open loop (checkout at the entry, order status where orders live) or closed. */
function workerStart(ctx: CellContext, running: RunningTopology, plan: TrafficPlan): WorkerStart {
  const { scenario, cell } = ctx;
  const entry = running.topology.entry;
  const ordersHost = running.topology.processes.find((p) => p.modules.includes('orders')) ?? entry;
  const common = { plan, durationMs: scenario.duration, warmupMs: scenario.warmup, timeoutMs: scenario.timeout };
  if (cell.load.kind === 'closed') {
    return { type: 'start', kind: 'closed', origin: entry.url, connections: cell.load.connections, ...common };
  }
  const origins = { checkout: entry.url, orderStatus: ordersHost.url };
  if (cell.load.kind === 'steps') {
    const { start, factor, maxSteps, maxRate, step, maxInFlight } = cell.load;
    const steps = { start, factor, maxSteps, ...(maxRate !== undefined && { maxRate }) };
    const sloP99Ms = scenario.slo.p99Ms;
    return {
      type: 'start',
      kind: 'steps',
      origins,
      steps,
      stepMs: step,
      sloP99Ms,
      maxInFlight,
      seed: scenario.seed,
      ...common,
    };
  }
  const { rate, maxInFlight, clientRetries } = cell.load;
  const steps = rateSteps(scenario);
  return {
    type: 'start',
    kind: 'open',
    origins,
    rate,
    ...(steps.length > 0 && { rateSteps: steps }),
    ...(clientRetries && { clientRetries }),
    maxInFlight,
    seed: scenario.seed,
    ...common,
  };
}
