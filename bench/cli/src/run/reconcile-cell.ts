import { isUnknownOutcome, reconcile, type EndingsByIndex } from '@paybench/bench-analysis';
import { LEDGER_CODE, type RequestLedger } from '@paybench/bench-load';
import type { RunningTopology } from '@paybench/platform-runtime';
import type { CellContext } from './cell-context.js';
import { reconciliationErrorProblem, reconciliationProblem } from './cell-problems.js';
import type { CellRecorder } from './cell-recorder.js';
import { readLoadOrders } from './read-orders.js';
import { retryUnknowns } from './retry-unknowns.js';
import type { TrafficPlan } from './traffic.js';

/** Retrying the unknowns may take this long at most; what is left stays unknown (unresolved). */
const RETRY_BUDGET_MS = 30_000;

/**
 * After the load, with the faults lifted and before the processes stop: re-sends every checkout whose outcome
 * its client could not know (same idempotency key), reads the orders database, and records the reconciliation
 * of what clients were told against what it holds (see Reconciliation), with a problem no reader can miss when
 * a payment was lost or doubled.
 */
export async function reconcileCell(
  ctx: CellContext,
  running: RunningTopology,
  plan: TrafficPlan,
  ledger: RequestLedger | null,
  recorder: CellRecorder,
): Promise<void> {
  if (ledger === null || ledger.count === 0) return;
  const ordersHost = running.topology.processes.find((p) => p.modules.includes('orders'));
  if (!ordersHost) return;
  ctx.onStage?.('reconciling payments');
  try {
    const unknown: number[] = [];
    for (let i = 0; i < ledger.count; i++) if (isUnknownOutcome(ledger.ending(i))) unknown.push(i);
    const ordersBeforeRetry = readLoadOrders(ordersHost.databaseFile, plan.runTag);
    const retries: EndingsByIndex =
      unknown.length === 0
        ? { count: 0, ending: () => LEDGER_CODE.unscheduled, idHashOf: () => 0 }
        : await retryUnknowns(plan, unknown, {
            origin: running.topology.entry.url,
            attemptTimeoutMs: Math.max(5_000, 2 * ctx.scenario.timeout),
            budgetMs: RETRY_BUDGET_MS,
          });
    const orders = readLoadOrders(ordersHost.databaseFile, plan.runTag);
    const reconciliation = reconcile({ requests: ledger, retries, orders, ordersBeforeRetry });
    recorder.reconciled(reconciliation);
    recorder.problem(reconciliationProblem(reconciliation, plan.runTag));
  } catch (error) {
    recorder.problem(reconciliationErrorProblem(error as Error));
  }
}
