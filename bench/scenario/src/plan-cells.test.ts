import { describe, expect, it } from 'vitest';
import { loadScenario } from './load-scenario.js';
import { planCells } from './plan-cells.js';

describe('planCells', () => {
  it('crosses topologies, logging configurations and load points', () => {
    const { scenario } = loadScenario('incident');
    expect(planCells(scenario).map((c) => c.key)).toEqual([
      'monolith/broken/open-100',
      'microservices/broken/open-100',
      'monolith/fixed/open-100',
      'microservices/fixed/open-100',
    ]);
  });

  it('interleaves repeats and alternates the topology that runs first', () => {
    const { scenario } = loadScenario('quick');
    const cells = planCells({ ...scenario, repeat: 3 });
    expect(cells.map((c) => `${c.repeat}:${c.logging.name}:${c.topology}`)).toEqual([
      '1:broken:monolith',
      '1:broken:microservices',
      '1:fixed:monolith',
      '1:fixed:microservices',
      '2:broken:microservices',
      '2:broken:monolith',
      '2:fixed:microservices',
      '2:fixed:monolith',
      '3:broken:monolith',
      '3:broken:microservices',
      '3:fixed:monolith',
      '3:fixed:microservices',
    ]);
  });

  it('honours a topology override', () => {
    const { scenario } = loadScenario('architecture');
    const cells = planCells(scenario, { topologies: ['extract-risk'] });
    expect(new Set(cells.map((c) => c.topology))).toEqual(new Set(['extract-risk']));
    expect(cells).toHaveLength(5);
  });

  it('adds a preset part to the key only when the scenario lists resilience presets', () => {
    const { scenario } = loadScenario('incident');
    const withPresets = planCells({ ...scenario, resilience: ['naive', 'resilient'] });
    expect(withPresets.map((c) => c.key)).toEqual([
      'monolith/broken/open-100/naive',
      'microservices/broken/open-100/naive',
      'monolith/broken/open-100/resilient',
      'microservices/broken/open-100/resilient',
      'monolith/fixed/open-100/naive',
      'microservices/fixed/open-100/naive',
      'monolith/fixed/open-100/resilient',
      'microservices/fixed/open-100/resilient',
    ]);
    expect(withPresets.map((c) => c.resilience)).toEqual(
      Array(2).fill(['naive', 'naive', 'resilient', 'resilient']).flat(),
    );
    // Without the axis: no preset anywhere in the cell, keys exactly as before presets existed.
    for (const cell of planCells(scenario)) {
      expect(cell).not.toHaveProperty('resilience');
      expect(cell.key.split('/')).toHaveLength(3);
    }
  });
});
