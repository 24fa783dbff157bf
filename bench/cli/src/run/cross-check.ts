import { KEY_PLACEHOLDER, runWrk, wrkScript, wrkVersion } from '@paybench/bench-load';
import type { RunningTopology } from '@paybench/platform-runtime';
import type { WrkCrossCheck } from '@paybench/bench-results';
import type { CellContext } from './cell-context.js';
import type { CellRecorder } from './cell-recorder.js';
import { buyersOf, checkoutBody, type TrafficPlan } from './traffic.js';

/** Distinct purchases in wrk's list (cycled, each with a fresh key): as many consumers and baskets as it takes. */
const WRK_BODIES = 2_000;

/** CPUs in a taskset list such as `0`, `0-1` or `0,2-3`: wrk runs one thread on each. */
export function cpuCount(list: string): number {
  return list.split(',').reduce((total, part) => {
    const [from, to] = part.split('-').map(Number);
    return total + (to === undefined ? 1 : (to as number) - (from as number) + 1);
  }, 0);
}

/**
 * The closed-loop cell measured a second time, by wrk, against the same deployment right after
 * paybench's closed loop: same connections, timeout and measured duration, pinned like the load
 * generator, with the cell's own checkout bodies (the same consumers, options and baskets as
 * paybench's request i) and a fresh idempotency key for every request, as paybench sends them.
 * wrk has no warm-up of its own: the deployment is warm from paybench's loop.
 */
export async function crossCheckCell(
  ctx: CellContext,
  running: RunningTopology,
  plan: TrafficPlan,
  recorder: CellRecorder,
): Promise<void> {
  if (ctx.cell.load.kind !== 'closed') return;
  ctx.onStage?.('cross-check: wrk');
  const connections = ctx.cell.load.connections;
  const threads = Math.min(connections, ctx.pinning.load ? cpuCount(ctx.pinning.load) : 1);
  const buyers = buyersOf(plan);
  const tokens = new Map<number, string>();
  const keyed = { ...plan, runTag: KEY_PLACEHOLDER };
  // checkoutBody writes `<runTag>-<i>`: the whole key becomes the placeholder wrk fills in.
  const bodies = Array.from({ length: WRK_BODIES }, (_, i) =>
    checkoutBody(keyed, buyers, tokens, i).replace(`${KEY_PLACEHOLDER}-${i}`, KEY_PLACEHOLDER),
  );
  const base = {
    tool: 'wrk' as const,
    version: wrkVersion() ?? 'unknown',
    connections,
    threads,
    durationMs: ctx.scenario.duration,
    bodies: bodies.length,
  };
  let record: WrkCrossCheck;
  try {
    const figures = await runWrk({
      origin: running.topology.entry.url,
      script: wrkScript({
        method: 'POST',
        path: '/v1/checkout',
        headers: { 'content-type': 'application/json' },
        bodies,
        keyPrefix: `${plan.runTag}-wrk-`,
      }),
      connections,
      threads,
      durationMs: ctx.scenario.duration,
      timeoutMs: ctx.scenario.timeout,
      cpuList: ctx.pinning.load,
      signal: ctx.signal,
    });
    const { status, ...socketErrors } = figures.errors;
    record = {
      ...base,
      durationMs: figures.durationUs / 1000,
      requests: figures.requests,
      requestsPerSecond: figures.durationUs > 0 ? figures.requests / (figures.durationUs / 1e6) : 0,
      non2xx: status,
      socketErrors,
      latencyP50Ms: figures.p50Us / 1000,
      latencyP99Ms: figures.p99Us / 1000,
      error: null,
    };
  } catch (error) {
    record = {
      ...base,
      requests: 0,
      requestsPerSecond: 0,
      non2xx: 0,
      socketErrors: { connect: 0, read: 0, write: 0, timeout: 0 },
      latencyP50Ms: null,
      latencyP99Ms: null,
      error: (error as Error).message,
    };
  }
  recorder.crossChecked(record);
}
