// A run for the blast-radius tests: three classes, a fault that takes one class down in one topology and every
// class in the other, and a third topology where the fault's link has no wire.
import type { CellResult, Phase, RunResult } from '../result-schema.js';
import { cellResult, openLoopResult, runResult, times, type ClassSecondSpec } from './cell.js';

export const BLAST_PHASES: Phase[] = [
  { name: 'healthy', fromMs: 0, toMs: 5_000 },
  { name: 'fault', fromMs: 5_000, toMs: 10_000 },
  { name: 'lifted', fromMs: 10_000, toMs: 20_000 },
];

type Second = Record<string, ClassSecondSpec>;
const healthy: Second = {
  pay_now: { ok: times(10, 5) },
  pay_later: { ok: times(10, 5) },
  orderStatus: { ok: times(5, 2) },
};
const stalled: Second = { pay_now: { sent: 10 }, pay_later: { sent: 10 }, orderStatus: { sent: 5 } };

/**
 * microservices: pay_later times out in seconds 6 and 7 (its risk call waits), then is served again from second
 * 8: impact +1 s, down 2 s, recovered before the lift. The other classes are never hit.
 */
export function microservicesSeconds(): Second[] {
  const timingOut = { ...healthy, pay_later: { sent: 10, timedOut: times(10, 1000) } };
  return [...times(6, 0).map(() => healthy), timingOut, timingOut, ...times(12, 0).map(() => healthy)];
}

/**
 * monolith: every class stalls from second 5 to 11 (requests sent, none ends), then is served again from second 12:
 * impact +0 s, down 7 s, recovered 2 s after the lift; the lifted phase only carries that outage.
 */
export function monolithSeconds(): Second[] {
  return [...times(5, 0).map(() => healthy), ...times(7, 0).map(() => stalled), ...times(8, 0).map(() => healthy)];
}

function blastCell(topology: string, seconds: Second[], inProcess = false): CellResult {
  const cell = cellResult({ topology, phases: BLAST_PHASES, loadResult: { kind: 'open', result: openLoopResult(seconds) } });
  cell.faults = [
    {
      phase: 'fault',
      plannedAtMs: 5_000,
      appliedAtMs: 5_000,
      change: {},
      links: [{ from: 'checkout', to: 'risk', toxics: [{ type: 'blackHole' }], appliedAs: inProcess ? 'in-process' : 'proxied' }],
      error: null,
    },
    {
      phase: 'lifted',
      plannedAtMs: 10_000,
      appliedAtMs: 10_000,
      change: {},
      links: [{ from: 'checkout', to: 'risk', toxics: [], appliedAs: inProcess ? 'in-process' : 'proxied' }],
      error: null,
    },
  ];
  return cell;
}

/** monolith (everything down), microservices (pay_later down), extract-risk (untouched: the link is in-process). */
export function blastRun(): RunResult {
  const run = runResult([
    blastCell('monolith', monolithSeconds()),
    blastCell('microservices', microservicesSeconds()),
    blastCell('extract-risk', times(20, 0).map(() => healthy), true),
  ]);
  run.scenario = {
    ...run.scenario,
    topologies: ['monolith', 'microservices', 'extract-risk'],
    duration: 20_000,
    timeout: 1_000,
    mix: { checkout: { pay_now: 40, pay_later: 40 }, orderStatus: 20 },
    faults: [
      { at: 5_000, phase: 'fault', links: [{ from: 'checkout', to: 'risk', toxics: [{ type: 'blackHole', direction: 'both' }] }] },
      { at: 10_000, phase: 'lifted', links: [{ from: 'checkout', to: 'risk', toxics: [] }] },
    ],
  };
  return run;
}
