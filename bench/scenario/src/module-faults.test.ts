import { describe, expect, it } from 'vitest';
import { scenarioProblems, validScenario } from '../test/support/scenario-fixture.js';
import { loadScenario, parseScenario } from './load-scenario.js';

/** A valid scenario with these fault events. */
const withFaults = (faults: unknown[]) =>
  validScenario({ name: 'modules', topologies: ['monolith', 'microservices'], faults });

const problemsOf = (faults: unknown[]): string => scenarioProblems(withFaults(faults), 'modules.yaml');

const event = (module: string, faults: unknown[]) => ({ at: '5s', phase: 'x', modules: [{ module, faults }] });

describe('module faults in a scenario', () => {
  it('takes every kind, named by module, with defaults and durations parsed', () => {
    const scenario = parseScenario(
      withFaults([
        {
          at: '5s',
          phase: 'sick',
          modules: [
            {
              module: 'risk',
              faults: [
                { type: 'latency', ms: 200, jitterMs: 50 },
                { type: 'errors', rate: 0.2 },
                { type: 'block', ms: 100, everyMs: 1000 },
                { type: 'cpuHog', share: 0.5 },
              ],
            },
            { module: 'auth', faults: [{ type: 'latency', ms: 5 }] },
          ],
        },
        { at: '10s', phase: 'crash', modules: [{ module: 'risk', faults: [{ type: 'crash', restartAfter: '5s' }] }] },
        { at: '12s', phase: 'gone', modules: [{ module: 'orders', faults: [{ type: 'crash' }] }] },
        { at: '15s', phase: 'lifted', modules: [{ module: 'auth', faults: [] }] },
      ]),
      'modules.yaml',
    );
    expect(scenario.faults[0]?.modules?.[1]).toEqual({
      module: 'auth',
      faults: [{ type: 'latency', ms: 5, jitterMs: 0 }],
    });
    expect(scenario.faults[1]?.modules?.[0]?.faults).toEqual([{ type: 'crash', restartAfter: 5_000 }]);
    expect(scenario.faults[2]?.modules?.[0]?.faults).toEqual([{ type: 'crash' }]);
    expect(scenario.faults[3]?.modules?.[0]?.faults).toEqual([]);
  });

  it('names an unknown module, the field and the modules there are', () => {
    expect(problemsOf([event('fraud', [])])).toMatch(
      /faults\.0\.modules\.0\.module: unknown module "fraud": the modules are auth, funding, orders, risk, checkout/,
    );
  });

  it('refuses unknown kinds, out-of-range values, a kind twice, a crash with company, a module twice', () => {
    expect(problemsOf([event('risk', [{ type: 'explode' }])])).toMatch(/faults\.0\.modules\.0\.faults\.0/);
    expect(problemsOf([event('risk', [{ type: 'errors', rate: 1.2 }])])).toMatch(/faults\.0\.modules\.0\.faults\.0/);
    expect(problemsOf([event('risk', [{ type: 'cpuHog', share: 0 }])])).toMatch(/modules\.0\.faults\.0/);
    expect(problemsOf([event('risk', [{ type: 'latency', ms: -1 }])])).toMatch(/modules\.0\.faults\.0/);
    expect(problemsOf([event('risk', [{ type: 'latency', ms: 10, jitterMs: 20 }])])).toMatch(/jitterMs cannot exceed/);
    expect(problemsOf([event('risk', [{ type: 'block', ms: 100, everyMs: 50 }])])).toMatch(/everyMs must exceed/);
    expect(problemsOf([event('risk', [{ type: 'crash', restartAfter: 'soon' }])])).toMatch(/expected a duration/);
    expect(problemsOf([event('risk', [{ type: 'latency', ms: 5, extra: 1 }])])).toMatch(/modules\.0\.faults\.0/);
    const twice = [
      { type: 'errors', rate: 0.1 },
      { type: 'errors', rate: 0.2 },
    ];
    expect(problemsOf([event('risk', twice)])).toMatch(/modules\.0\.faults\.1: a second errors fault: one per kind/);
    const crashAnd = [{ type: 'crash' }, { type: 'errors', rate: 0.2 }];
    expect(problemsOf([event('risk', crashAnd)])).toMatch(/modules\.0\.faults: a crash stands alone/);
    const same = { module: 'risk', faults: [] };
    expect(problemsOf([{ at: '5s', phase: 'x', modules: [same, same] }])).toMatch(
      /faults\.0\.modules\.1: module risk is listed twice in one event/,
    );
    expect(problemsOf([{ at: '5s', phase: 'x', modules: [] }])).toMatch(/faults\.0\.modules: /);
  });

  it('ships module-crash and slow-dependency on the three topologies, with order-status reads in the mix', () => {
    const crash = loadScenario('module-crash').scenario;
    expect(crash.topologies).toEqual(['monolith', 'microservices', 'extract-risk']);
    expect(crash.faults[0]?.modules).toEqual([{ module: 'risk', faults: [{ type: 'crash', restartAfter: 5_000 }] }]);
    expect(crash.mix.orderStatus).toBeGreaterThan(0);
    const slow = loadScenario('slow-dependency').scenario;
    expect(slow.topologies).toEqual(['monolith', 'microservices', 'extract-risk']);
    expect(slow.faults.map((f) => f.modules)).toEqual([
      [{ module: 'risk', faults: [{ type: 'latency', ms: 200, jitterMs: 50 }] }],
      [{ module: 'risk', faults: [] }],
    ]);
    expect(slow.mix.orderStatus).toBeGreaterThan(0);
  });
});
