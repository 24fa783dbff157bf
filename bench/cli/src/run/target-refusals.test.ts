import { Targets } from '@paybench/bench-deploy';
import { loadLabel, loadScenario, planCells, type Scenario } from '@paybench/bench-scenario';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { targetRefusal } from './target-refusals.js';

const quick = loadScenario('quick').scenario;
const [broken, fixed] = quick.logging;
// quick's one load (its rate is tuned for its wall time, not for this test).
const load = loadLabel(quick.load[0] as Scenario['load'][number]);

function target(overrides: Partial<z.input<typeof Targets>> = {}): Targets {
  return Targets.parse({
    version: 1,
    description: 'a test target',
    topology: 'monolith',
    entryUrl: 'http://127.0.0.1:3000',
    internal: { header: 'x-paybench-internal', credential: { from: 'none' } },
    tokenSecret: { from: 'env', variable: 'PAYBENCH_AUTH_SECRET' },
    processes: [
      {
        name: 'monolith',
        modules: ['auth', 'funding', 'orders', 'risk', 'checkout'],
        metricsUrl: 'http://127.0.0.1:3100/metrics',
      },
    ],
    logging: { logger: fixed?.logger, driver: fixed?.driver, forwarder: fixed?.forwarder },
    forwarder: { kind: 'paybench', controlUrl: 'http://127.0.0.1:9190', credential: { from: 'none' } },
    faults: ['forwarder-sink', 'forwarder-when-full', 'module-faults'],
    ...overrides,
  });
}

/** Every cell of the scenario with its refusal on the target (null: it runs). */
const refusals = (scenario: Scenario, on: Targets) =>
  Object.fromEntries(planCells(scenario).map((cell) => [cell.key, targetRefusal(cell, cell.topology, scenario, on)]));

describe('which cells an external target refuses, and why', () => {
  it('runs the cell of its own topology and logging; refuses the others, naming the topology or the setting', () => {
    expect(refusals(quick, target())).toEqual({
      [`monolith/broken/${load}`]: expect.stringMatching(/driver\.mode is non-blocking there, blocking here/),
      [`microservices/broken/${load}`]: 'the target runs topology monolith, this cell needs microservices',
      [`monolith/fixed/${load}`]: null,
      [`microservices/fixed/${load}`]: 'the target runs topology monolith, this cell needs microservices',
    });
    expect(broken?.name).toBe('broken');
  });

  it('refuses a fault the target cannot apply, naming the kind and the phase; a target without forwarder has none', () => {
    const withLinks: Scenario = {
      ...quick,
      faults: [...quick.faults, { at: 50_000, phase: 'cut', links: [{ from: 'checkout', to: 'risk', toxics: [] }] }],
    };
    // In the monolith the link has no wire (locally the cell only notes it): nothing to refuse.
    expect(refusals(withLinks, target())[`monolith/fixed/${load}`]).toBeNull();
    const twoProcesses = target({
      topology: 'extract-risk',
      processes: [
        {
          name: 'core',
          modules: ['auth', 'funding', 'orders', 'checkout'],
          metricsUrl: 'http://127.0.0.1:3100/metrics',
        },
        { name: 'risk', modules: ['risk'], metricsUrl: 'http://127.0.0.1:3101/metrics' },
      ],
    });
    const cell = planCells({ ...withLinks, topologies: ['extract-risk'] })[1];
    expect(cell && targetRefusal(cell, 'extract-risk', withLinks, twoProcesses)).toBe(
      'the target does not support links faults (phase cut)',
    );
    const { forwarder: _, ...noForwarder } = target();
    expect(refusals(quick, Targets.parse(noForwarder))[`monolith/fixed/${load}`]).toBe(
      'the target does not support forwarder-sink faults (phase cardinality)',
    );
  });

  it('refuses a resilience preset the target does not run; without a stated logging it assumes the cell runs', () => {
    const scenario: Scenario = { ...quick, resilience: ['naive', 'resilient'] };
    const on = target({ resilience: 'resilient', logging: undefined });
    const result = refusals(scenario, on);
    expect(result[`monolith/broken/${load}/resilient`]).toBeNull();
    expect(result[`monolith/broken/${load}/naive`]).toBe(
      'the target runs resilience preset resilient, this cell needs naive',
    );
  });
});
