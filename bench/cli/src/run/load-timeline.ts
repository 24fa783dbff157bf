import type { Scenario } from '@paybench/bench-scenario';

/**
 * The fault timeline's load changes (a pulse), for the load generator's process: it gets them with its start
 * message and its schedule changes rate at their times exactly (ms from the start of the measured window), with
 * no message in flight while it runs.
 */
export function rateSteps(scenario: Pick<Scenario, 'faults'>): { atMs: number; factor: number }[] {
  return scenario.faults.flatMap((f) => (f.load ? [{ atMs: f.at, factor: f.load.factor }] : []));
}
