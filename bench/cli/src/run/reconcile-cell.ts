import { addReconciliations, isUnknownOutcome, reconcile, type EndingsByIndex } from '@paybench/bench-analysis';
import { isPaymentOption } from '@paybench/bench-scenario';
import { LEDGER_CODE, type RequestLedger } from '@paybench/bench-load';
import type { RunningTopology } from '@paybench/platform-runtime';
import type { CellContext } from './cell-context.js';
import { reconciliationErrorProblem, reconciliationProblem } from './cell-problems.js';
import type { CellRecorder } from './cell-recorder.js';
import { readLoadOrders, type ClassOrder } from './read-orders.js';
import { retryUnknowns } from './retry-unknowns.js';
import type { TrafficPlan } from './traffic.js';

/** Retrying the unknowns may take this long at most; what is left stays unknown (unresolved). */
const RETRY_BUDGET_MS = 30_000;

/**
 * After the load, with the faults lifted and before the processes stop: re-sends every checkout whose outcome
 * its client could not know (same idempotency key), reads the orders database, and records the reconciliation
 * of what clients were told against what it holds (see Reconciliation), per checkout class (payment option) and
 * added up, with a problem no reader can miss when a payment was lost or doubled.
 */
export async function reconcileCell(
  ctx: CellContext,
  running: RunningTopology,
  plan: TrafficPlan,
  ledgers: ReadonlyMap<string, RequestLedger> | null,
  recorder: CellRecorder,
): Promise<void> {
  // An external target's orders database is not ours to read (the cell's notes say so).
  if (ctx.target) return;
  const classes = [...(ledgers ?? [])].filter(([, ledger]) => ledger.count > 0);
  if (classes.length === 0) return;
  const ordersHost = running.topology.processes.find((p) => p.modules.includes('orders'));
  if (!ordersHost) return;
  ctx.onStage?.('reconciling payments');
  try {
    const deadline = Date.now() + RETRY_BUDGET_MS;
    const ordersBeforeRetry = readLoadOrders(ordersHost.databaseFile, plan.runTag);
    const retries = new Map<string, EndingsByIndex>();
    for (const [name, ledger] of classes) {
      const unknown: number[] = [];
      for (let i = 0; i < ledger.count; i++) if (isUnknownOutcome(ledger.ending(i))) unknown.push(i);
      retries.set(
        name,
        unknown.length === 0
          ? { count: 0, ending: () => LEDGER_CODE.unscheduled, idHashOf: () => 0 }
          : await retryUnknowns(plan, unknown, {
              origin: running.topology.entry.url,
              attemptTimeoutMs: Math.max(5_000, 2 * ctx.scenario.timeout),
              budgetMs: Math.max(0, deadline - Date.now()),
              ...(isPaymentOption(name) ? { option: name } : {}),
            }),
      );
    }
    const orders = readLoadOrders(ordersHost.databaseFile, plan.runTag);
    const known = new Set(classes.map(([name]) => name));
    const parts = classes.map(([name, ledger]) => {
      return reconcile({
        requests: ledger,
        retries: retries.get(name) as EndingsByIndex,
        orders: orders.filter((o) => o.className === name),
        ordersBeforeRetry: ordersBeforeRetry.filter((o) => o.className === name),
        keyOf: (index) => (name === 'checkout' ? `${index}` : `${name}-${index}`),
      });
    });
    // Orders under a key that names no class of this load: no client request explains them; counted once.
    const unexplained = orders.filter((o: ClassOrder) => !known.has(o.className ?? '')).length;
    const reconciliation = addReconciliations(parts, unexplained);
    recorder.reconciled(reconciliation);
    recorder.problem(reconciliationProblem(reconciliation, plan.runTag));
  } catch (error) {
    recorder.problem(reconciliationErrorProblem(error as Error));
  }
}
