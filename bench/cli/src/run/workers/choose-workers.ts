import type { GeneratorWorkers, WorkerEndpoint } from '@paybench/bench-load';
import type { CellContext } from '../cell-context.js';
import { placeWorkers, resolveWorkerCount, startLocalWorkers } from './local-workers.js';
import { connectRemoteWorkers } from './remote-workers.js';

export interface ChosenWorkers {
  readonly placement: GeneratorWorkers['placement'];
  readonly token: string;
  /** Starts (local) or connects to (remote) the workers: called once, when the load starts. */
  endpoints(): WorkerEndpoint[];
}

/**
 * Who sends an open-loop cell's schedule: remote workers when the run was given some (`--workers`), local worker
 * processes when the load point asks for several (`workers: n|auto`), or null: the one generator process, as
 * before (its result then has no `workers`).
 */
export function openLoopWorkers(ctx: CellContext): ChosenWorkers | null {
  if (ctx.remoteWorkers !== undefined) {
    const { addresses, token } = ctx.remoteWorkers;
    return { placement: 'remote', token, endpoints: () => connectRemoteWorkers(addresses) };
  }
  const load = ctx.cell.load;
  const count = load.kind === 'open' ? resolveWorkerCount(load.workers, ctx.pinning.load) : 1;
  if (count <= 1) return null;
  const { placement, cpuLists } = placeWorkers(count, ctx.pinning.load);
  // The pipe to a local worker is private: the token is not checked there.
  return { placement, token: '', endpoints: () => startLocalWorkers(cpuLists) };
}

/** One line for the run's output: where the workers ran, each one's lag and (remote) clock offset. */
export function describeWorkers(workers: GeneratorWorkers): string {
  const each = workers.each.map((w) => {
    const clock =
      workers.placement === 'remote' && w.clockOffsetMs !== undefined
        ? `, clock offset ${w.clockOffsetMs >= 0 ? '+' : ''}${w.clockOffsetMs} ms (round trip ${w.rttMs} ms)`
        : '';
    return `${w.worker}: ${w.sent} sent, lag p99 ${(w.lagP99 / 1000).toFixed(1)} ms${clock}`;
  });
  return `${workers.each.length} generator workers (${workers.placement}): ${each.join('; ')}`;
}
