import { describe, expect, it } from 'vitest';
import { scenarioProblems, validScenario } from '../test/support/scenario-fixture.js';
import { loadScenario, parseScenario } from './load-scenario.js';

/** A valid scenario with these fault events. */
const withFaults = (faults: unknown[]) =>
  validScenario({ name: 'links', topologies: ['monolith', 'microservices'], faults });

const problemsOf = (faults: unknown[]): string => scenarioProblems(withFaults(faults), 'links.yaml');

describe('link faults in a scenario', () => {
  it('takes links named by module with the fault proxy toxics, next to or instead of the forwarder', () => {
    const scenario = parseScenario(
      withFaults([
        { at: '5s', phase: 'slow', links: [{ from: 'checkout', to: 'risk', toxics: [{ type: 'latency', ms: 0.3 }] }] },
        {
          at: '10s',
          phase: 'both',
          forwarder: { sink: { mode: 'stall' } },
          links: [{ from: 'checkout', to: 'risk', toxics: [] }],
        },
      ]),
      'links.yaml',
    );
    expect(scenario.faults[0]?.links?.[0]).toEqual({
      from: 'checkout',
      to: 'risk',
      toxics: [{ type: 'latency', ms: 0.3, jitterMs: 0, direction: 'both' }],
    });
    expect(scenario.faults[1]?.forwarder).toEqual({ sink: { mode: 'stall' } });
  });

  it('names an unknown module, the field and the modules there are', () => {
    const problems = problemsOf([
      { at: '5s', phase: 'x', links: [{ from: 'checkout', to: 'fraud', toxics: [{ type: 'blackHole' }] }] },
    ]);
    expect(problems).toMatch(
      /faults\.0\.links\.0\.to: unknown module "fraud": the modules are auth, funding, orders, risk, checkout/,
    );
  });

  it('refuses an event that changes nothing, a link to itself, a link twice and a bad toxic', () => {
    expect(problemsOf([{ at: '5s', phase: 'x' }])).toMatch(/faults\.0: a fault event changes the forwarder, links/);
    expect(problemsOf([{ at: '5s', phase: 'x', links: [] }])).toMatch(/faults\.0\.links: /);
    const self = [{ at: '5s', phase: 'x', links: [{ from: 'risk', to: 'risk', toxics: [] }] }];
    expect(problemsOf(self)).toMatch(/faults\.0\.links\.0\.to: a link joins two different modules/);
    const link = { from: 'checkout', to: 'risk', toxics: [] };
    expect(problemsOf([{ at: '5s', phase: 'x', links: [link, link] }])).toMatch(
      /faults\.0\.links\.1: link checkout->risk is listed twice/,
    );
    const bad = [
      { at: '5s', phase: 'x', links: [{ from: 'checkout', to: 'risk', toxics: [{ type: 'latency', ms: -1 }] }] },
    ];
    expect(problemsOf(bad)).toMatch(/faults\.0\.links\.0\.toxics\.0\.ms: /);
  });

  it('ships `network`: latency on every link, then a black hole on checkout->risk, then lifted', () => {
    const { scenario } = loadScenario('network');
    expect(scenario.topologies).toEqual(['monolith', 'microservices', 'extract-risk']);
    expect(scenario.faults.map((f) => f.phase)).toEqual(['latency', 'black-hole', 'lifted']);
    expect(scenario.faults[1]?.links).toEqual([
      { from: 'checkout', to: 'risk', toxics: [{ type: 'blackHole', direction: 'both' }] },
    ]);
  });
});
