import type { CapacityPoint, CapacitySummary, CellSummary } from '@paybench/bench-results';
import { describe, expect, it } from 'vitest';
import { capacityIsLowerBound, capacityTable, topologyCapacities } from './capacity-table.js';

/** A ladder from 50 req/s up by x1.5; `broken` lists the offered rates whose step broke the SLO. */
function ladder(rates: number[], broken: number[]): CapacitySummary {
  const points = rates.map((rate): CapacityPoint => ({
    offeredRate: rate,
    achievedRate: rate,
    p50Ms: 2,
    p99Ms: broken.includes(rate) ? 400 : 20,
    availability: 1,
    lagP99Ms: 1,
    withinSlo: !broken.includes(rate),
    lagValid: true,
  }));
  const kept = points.filter((p) => p.withinSlo).map((p) => p.offeredRate);
  return {
    kind: 'steps',
    sloP99Ms: 250,
    minAvailability: 0.999,
    points,
    capacityRps: kept.length > 0 ? Math.max(...kept) : null,
    stoppedBy: broken.length >= 2 ? 'slo' : 'plan',
  };
}

// topologyCapacities and capacityTable read only these fields of a cell summary.
const cell = (topology: string, capacity: CapacitySummary) => ({ topology, valid: true, capacity }) as CellSummary;

const RATES = [50, 75, 113, 169, 253, 380, 570, 854, 1281];

describe('capacity at the SLO', () => {
  it('is a lower bound when the ladder ended before any step beyond the SLO', () => {
    expect(capacityIsLowerBound(ladder(RATES, []))).toBe(true);
    expect(capacityIsLowerBound(ladder(RATES, [854, 1281]))).toBe(false);
    // A step beyond the SLO below the capacity (one noisy step) does not make it exact: nothing above broke.
    expect(capacityIsLowerBound(ladder(RATES, [253]))).toBe(true);
    expect(capacityIsLowerBound(ladder([50, 75], [50, 75]))).toBe(false);
  });

  it('says "at least" for a lower bound, and turns a ratio against it into a bound', () => {
    const cells = [cell('monolith', ladder(RATES, [])), cell('microservices', ladder(RATES.slice(0, 7), [380, 570]))];
    const [monolith, microservices] = topologyCapacities(cells, ['monolith', 'microservices']);
    expect(monolith).toMatchObject({ capacityRps: 1281, lowerBound: true, ratioBound: null });
    expect(microservices).toMatchObject({ capacityRps: 253, lowerBound: false, ratioBound: 'at-most' });
    expect(microservices?.ratio).toBeCloseTo(253 / 1281, 6);

    const table = capacityTable(cells, ['monolith', 'microservices']);
    expect(table?.rows[0]?.cells[1]).toEqual({ kind: 'text', text: '>= 1281' });
    expect(table?.rows[0]?.cells[5]).toEqual({ kind: 'text', text: 'none: the ladder ended' });
    expect(table?.rows[1]?.cells[2]).toEqual({ kind: 'text', text: '<= 0.198' });
    expect(table?.notes.join(' ')).toMatch(/at least that rate/);
  });

  it('leaves exact capacities and their ratio as figures', () => {
    const cells = [
      cell('monolith', ladder(RATES, [854, 1281])),
      cell('microservices', ladder(RATES.slice(0, 7), [380, 570])),
    ];
    const [, microservices] = topologyCapacities(cells, ['monolith', 'microservices']);
    expect(microservices).toMatchObject({ lowerBound: false, ratioBound: null });
    const table = capacityTable(cells, ['monolith', 'microservices']);
    expect(table?.rows[0]?.cells[1]).toMatchObject({ kind: 'number', value: 570 });
    expect(table?.notes.join(' ')).not.toMatch(/at least that rate/);
  });
});
