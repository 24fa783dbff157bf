import type { CellResult, ProcessPolicyCounts } from '@paybench/bench-results';
import type { OpenLoopResult } from '@paybench/bench-load';

/**
 * What retried or refused in one cell, in words: the resilience policies between its processes (result.json's
 * `resilience`, summed over processes) and the load generator as a retrying client (its classes' `retries` and
 * `retriesOverBudget` over the measured window). Each list leaves out what did not happen; both empty: nothing did.
 */
export interface CellRetryCounts {
  /** The resilience preset the cell ran with, when the scenario lists presets. */
  preset: string | null;
  /** `7 retries`, `1 breaker open`, ..., `counters unread from risk`. */
  policies: string[];
  /** `300 retries`, `20 refused by its budget`. */
  client: string[];
}

const POLICY_WORDS: [keyof ProcessPolicyCounts, string, string][] = [
  ['retries', 'retry', 'retries'],
  ['breakerOpens', 'breaker open', 'breaker opens'],
  ['breakerRejections', 'call refused by an open breaker', 'calls refused by an open breaker'],
  ['bulkheadRejections', 'bulkhead rejection', 'bulkhead rejections'],
  ['fallbacks', 'fallback taken', 'fallbacks taken'],
];

export function cellRetryCounts(cell: CellResult): CellRetryCounts {
  const processes = cell.resilience?.processes ?? [];
  const policies = POLICY_WORDS.map(([name, one, many]) =>
    count(
      processes.reduce((sum, p) => sum + Number(p[name]), 0),
      one,
      many,
    ),
  ).filter((part) => part !== null);
  const unreachable = processes.filter((p) => !p.reachable).map((p) => p.process);
  if (unreachable.length > 0) policies.push(`counters unread from ${unreachable.join(', ')}`);
  const results = openLoopResults(cell);
  const clientTotal = (pick: (c: OpenLoopResult['classes'][string]) => number | undefined) =>
    results.reduce((sum, r) => sum + Object.values(r.classes).reduce((s, c) => s + (pick(c) ?? 0), 0), 0);
  const client = [
    count(
      clientTotal((c) => c.retries),
      'retry',
      'retries',
    ),
    count(
      clientTotal((c) => c.retriesOverBudget),
      'refused by its budget',
      'refused by its budget',
    ),
  ].filter((part) => part !== null);
  return { preset: cell.resilience?.preset ?? null, policies, client };
}

/** `policies: 7 retries, 1 breaker open; client: 300 retries, 20 refused by its budget`; null when nothing retried. */
export function retryCountsText(counts: CellRetryCounts): string | null {
  const parts = [
    ...(counts.policies.length > 0 ? [`policies: ${counts.policies.join(', ')}`] : []),
    ...(counts.client.length > 0 ? [`client: ${counts.client.join(', ')}`] : []),
  ];
  return parts.length > 0 ? parts.join('; ') : null;
}

function openLoopResults(cell: CellResult): OpenLoopResult[] {
  const load = cell.loadResult;
  if (load?.kind === 'open') return [load.result];
  if (load?.kind === 'steps') return load.result.steps.map((step) => step.result);
  return [];
}

function count(n: number, one: string, many: string): string | null {
  return n === 0 ? null : `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}
