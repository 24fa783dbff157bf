import type { CellSummary, Reconciliation } from '@paybench/bench-results';
import type { RichText } from '../summary/rich-text.js';
import { reconciliationFailed } from './reconcile.js';

/**
 * The payments verdicts of a run, first among its verdicts: one per cell that lost or doubled a payment, in
 * capitals, or one line saying every reconciled cell held (with the totals). Nothing for a run without any
 * reconciliation (older results).
 */
export function reconciliationVerdicts(summaries: readonly CellSummary[]): RichText[] {
  const reconciled = summaries.filter((s) => s.reconciliation);
  if (reconciled.length === 0) return [];
  const failed = reconciled.filter((s) => reconciliationFailed(s.reconciliation as Reconciliation));
  if (failed.length > 0) {
    return failed.map((s) => {
      const r = s.reconciliation as Reconciliation;
      return [
        { strong: 'PAYMENTS LOST OR DOUBLED' },
        ` in ${s.topology} #${s.repeat} (logging ${s.logging}, ${s.load}): ${r.lost} of ${r.acknowledged} acknowledged ` +
          `payments are not in the orders database, ${r.duplicated} orders are doubled or answer no client request.`,
      ];
    });
  }
  const sum = (pick: (r: Reconciliation) => number) =>
    reconciled.reduce((total, s) => total + pick(s.reconciliation as Reconciliation), 0);
  const unknown = sum((r) => r.unknown);
  return [
    [
      { strong: 'No payment lost or doubled' },
      ` in any of the ${reconciled.length} reconciled cells: ${sum((r) => r.acknowledged)} acknowledged, 0 lost, ` +
        `0 duplicated; ${unknown} unknown outcomes, ${sum((r) => r.resolvedByRetry)} of them resolved by a retry ` +
        'with the same idempotency key.',
    ],
  ];
}
