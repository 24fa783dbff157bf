import type { CrashRecord, RestartOutcome } from './module-faults.js';
import type { RunningTopology } from './supervisor.js';

/**
 * Crashes the process hosting `module` (SIGKILL) in a running topology and, with `restartAfterMs`, waits
 * until the supervisor has started it again and it answers (unless `awaitRestart: false`). Resolves with the
 * crash's record and how the restart ended (`null`: none asked). For tests, e.g. a crash mid-request:
 *
 *   await running.setModuleFaults('orders', [{ type: 'latency', ms: 500 }]); // hold requests inside orders
 *   const pending = post(url, purchase(...));                                  // a checkout now in flight
 *   await sleep(100);
 *   const { outcome } = await crashModule(running, 'orders', { restartAfterMs: 200 });
 *   // outcome === 'ready': orders is back (without faults: a new life starts clean); `pending` has failed
 *
 * The same is reachable over the runtime's control API: `POST /modules/<module>/crash` with
 * `{ "restartAfterMs": 200 }`.
 */
export async function crashModule(
  running: RunningTopology,
  module: string,
  options: { restartAfterMs?: number; awaitRestart?: boolean } = {},
): Promise<{ record: CrashRecord; outcome: RestartOutcome | null }> {
  const { awaitRestart = true, restartAfterMs } = options;
  const handle = await running.crashModule(module, restartAfterMs === undefined ? {} : { restartAfterMs });
  const outcome = handle.restarted && awaitRestart ? await handle.restarted : null;
  return { record: handle.record, outcome };
}
