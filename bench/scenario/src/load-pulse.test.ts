import { describe, expect, it } from 'vitest';
import { scenarioProblems, validScenario } from '../test/support/scenario-fixture.js';
import { loadScenario, parseScenario } from './load-scenario.js';
import { loadLabel } from './plan-cells.js';

/** A valid scenario with these load points and fault events. */
const scenarioWith = (load: unknown[], faults: unknown[]) =>
  validScenario({ name: 'pulse', load, duration: '30s', faults });

const problemsOf = (load: unknown[], faults: unknown[]): string =>
  scenarioProblems(scenarioWith(load, faults), 'pulse.yaml');

const pulse = [
  { at: '10s', phase: 'pulse', load: { factor: 3 } },
  { at: '20s', phase: 'after', load: { factor: 1 } },
];

describe('load pulses and the retrying client in a scenario', () => {
  it('takes an event that changes only the load, and a retrying open loop with defaults filled in', () => {
    const scenario = parseScenario(
      scenarioWith([{ kind: 'open', rate: 100, clientRetries: { max: 3 } }], pulse),
      'pulse.yaml',
    );
    expect(scenario.faults.map((f) => f.load)).toEqual([{ factor: 3 }, { factor: 1 }]);
    expect(scenario.faults[0]).not.toHaveProperty('forwarder');
    expect(scenario.load[0]).toEqual({
      kind: 'open',
      rate: 100,
      maxInFlight: 512,
      clientRetries: { max: 3, backoffMs: 0 },
    });
    expect(scenario.load.map(loadLabel)).toEqual(['open-100-retry3']);
    expect(loadLabel({ kind: 'open', rate: 100, maxInFlight: 512 })).toBe('open-100');
  });

  it('refuses an event that changes nothing, a factor that is not positive, and unknown fields', () => {
    expect(problemsOf([{ kind: 'open', rate: 10 }], [{ at: '5s', phase: 'x' }])).toMatch(
      /faults\.0: a fault event changes the forwarder, links, modules, the load, or several of them/,
    );
    expect(problemsOf([{ kind: 'open', rate: 10 }], [{ at: '5s', phase: 'x', load: { factor: 0 } }])).toMatch(
      /faults\.0\.load\.factor/,
    );
    expect(problemsOf([{ kind: 'open', rate: 10 }], [{ at: '5s', phase: 'x', load: { rate: 3 } }])).toMatch(
      /faults\.0\.load/,
    );
  });

  it('refuses a pulse on a closed loop, and a peak above the open loop limit', () => {
    expect(problemsOf([{ kind: 'closed', connections: 8 }], pulse)).toMatch(
      /load\.0: a fault event changes the load, which needs a fixed-rate open loop/,
    );
    expect(problemsOf([{ kind: 'open', rate: 20_000 }], pulse)).toMatch(
      /load\.0\.rate: rate 20000 x factor 3 exceeds the open loop's 50000 req\/s/,
    );
  });

  it('bounds the retrying client: max 1..10, a non-negative backoff, a positive budget', () => {
    const retrying = (clientRetries: unknown) => problemsOf([{ kind: 'open', rate: 10, clientRetries }], []);
    expect(retrying({ max: 0 })).toMatch(/load\.0\.clientRetries\.max/);
    expect(retrying({ max: 11 })).toMatch(/load\.0\.clientRetries\.max/);
    expect(retrying({ max: 2, backoffMs: -1 })).toMatch(/load\.0\.clientRetries\.backoffMs/);
    expect(retrying({ max: 2, budget: 0 })).toMatch(/load\.0\.clientRetries\.budget/);
    expect(retrying({ max: 2, backoffMs: 50, budget: 0.1 })).toBe('');
  });

  it('ships `retry-storm`: three topologies, a naive retrying client, a x3 pulse while risk is slow, ended before the window is', () => {
    const { scenario } = loadScenario('retry-storm');
    expect(scenario.topologies).toEqual(['monolith', 'microservices', 'extract-risk']);
    expect(scenario.load).toEqual([
      { kind: 'open', rate: 50, maxInFlight: 512, clientRetries: { max: 3, backoffMs: 0 } },
    ]);
    expect(scenario.faults.map((f) => [f.at, f.load])).toEqual([
      [15_000, { factor: 3 }],
      [25_000, { factor: 1 }],
    ]);
    // The slow dependency comes and goes with the pulse: risk answers late enough to pass the client's timeout.
    expect(scenario.faults.map((f) => f.modules?.find((m) => m.module === 'risk')?.faults.length)).toEqual([1, 0]);
    // At least 20 s after the pulse to see recovery or not, and the whole cell well under the issue's 8 minutes.
    expect(scenario.duration - 25_000).toBeGreaterThanOrEqual(20_000);
    expect(scenario.duration + scenario.warmup).toBeLessThanOrEqual(60_000);
  });
});
