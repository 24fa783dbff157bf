import { describe, expect, it } from 'vitest';
import { validScenario } from '../test/support/scenario-fixture.js';
import { parseScenario } from './load-scenario.js';
import { loadLabel } from './plan-cells.js';

const scenarioWith = (load: unknown[]) => validScenario({ name: 'workers', load, duration: '30s' });

describe('several generator processes on one load (load.workers)', () => {
  it('takes a count or auto, keeps the plain load as it was, and names the cell after the count', () => {
    const scenario = parseScenario(
      scenarioWith([
        { kind: 'open', rate: 2000, workers: 2 },
        { kind: 'open', rate: 2000, workers: 'auto' },
        { kind: 'open', rate: 2000 },
      ]),
      'workers.yaml',
    );
    expect(scenario.load.map((load) => (load.kind === 'open' ? load.workers : null))).toEqual([2, 'auto', undefined]);
    expect(scenario.load.map(loadLabel)).toEqual(['open-2000-w2', 'open-2000-wauto', 'open-2000']);
    expect(loadLabel({ kind: 'open', rate: 2000, maxInFlight: 512, workers: 1 })).toBe('open-2000');
  });

  it('refuses zero, fractions and words other than auto', () => {
    for (const workers of [0, 1.5, 'many', 65]) {
      expect(() => parseScenario(scenarioWith([{ kind: 'open', rate: 10, workers }]), 'w.yaml')).toThrow(
        /load\.0\.workers/,
      );
    }
  });
});
