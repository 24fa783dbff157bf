import { loadScenario } from '@paybench/bench-scenario';
import { describe, expect, it } from 'vitest';
import { applyOverrides } from './scenario-run.js';

describe('command-line overrides of a scenario', () => {
  it('--rate replaces the load point and keeps its retrying client', () => {
    const { scenario } = loadScenario('retry-storm');
    const overridden = applyOverrides(scenario, { rate: 25 });
    if ('error' in overridden) throw new Error(overridden.error);
    expect(overridden.scenario.load).toEqual([
      { kind: 'open', rate: 25, maxInFlight: 512, clientRetries: { max: 3, backoffMs: 0 } },
    ]);
  });

  it('--rate of a scenario without a retrying client gives a plain open-loop point', () => {
    const { scenario } = loadScenario('module-crash');
    const overridden = applyOverrides(scenario, { rate: 25 });
    if ('error' in overridden) throw new Error(overridden.error);
    expect(overridden.scenario.load).toEqual([{ kind: 'open', rate: 25, maxInFlight: 512 }]);
  });
});
