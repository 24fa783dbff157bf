import { describe, expect, it } from 'vitest';
import { compareTopologies } from './compare-topologies.js';
import { summarizeCell } from './summarize-cell.js';
import { incidentCell, steadyCell } from '@paybench/bench-results/testing';

const MiB = 2 ** 20;
const summarize = (cell: ReturnType<typeof steadyCell>) => summarizeCell(cell, 250, { requestTimeoutMs: 2000 });

describe('compareTopologies', () => {
  // Three repeats each, one noisy; 100 successes/s for 10 s, so CPU ms/req = cpuPerSecond * 10.
  const cells = [
    steadyCell({ topology: 'monolith', repeat: 1, latencyMs: 10, cpuPerSecond: 0.1, rssBytes: 100 * MiB }),
    steadyCell({ topology: 'microservices', repeat: 1, latencyMs: 30, cpuPerSecond: 0.3, rssBytes: 400 * MiB }),
    steadyCell({ topology: 'microservices', repeat: 2, latencyMs: 36, cpuPerSecond: 0.33, rssBytes: 410 * MiB }),
    steadyCell({ topology: 'monolith', repeat: 2, latencyMs: 12, cpuPerSecond: 0.11, rssBytes: 100 * MiB }),
    steadyCell({ topology: 'monolith', repeat: 3, latencyMs: 50, cpuPerSecond: 0.5, rssBytes: 120 * MiB }),
    steadyCell({ topology: 'microservices', repeat: 3, latencyMs: 40, cpuPerSecond: 0.3, rssBytes: 420 * MiB }),
    // Invalid: left out of the medians, and listed.
    steadyCell({
      topology: 'microservices',
      repeat: 4,
      latencyMs: 900,
      cpuPerSecond: 2,
      rssBytes: 999 * MiB,
      status: 'invalid',
      problems: ['log accounting does not hold'],
    }),
  ].map(summarize);

  const [comparison] = compareTopologies(cells, { topologies: ['monolith', 'microservices'] });

  it('takes the median of each figure over the valid repeats of each topology', () => {
    expect(comparison).toMatchObject({ logging: 'broken', load: 'open-100', baseline: 'monolith' });
    const [monolith, microservices] = comparison.topologies;
    expect(monolith).toMatchObject({
      topology: 'monolith',
      basis: 'valid',
      repeatsUsed: [1, 2, 3],
      repeatsExcluded: [],
    });
    expect(monolith.p99Ms).toBeCloseTo(12, 1);
    expect(monolith.cpuMsPerSuccess).toBeCloseTo(1.1);
    expect(monolith.peakRssBytes).toBe(100 * MiB);
    expect(microservices).toMatchObject({
      basis: 'valid',
      repeatsUsed: [1, 2, 3],
      repeatsExcluded: [{ repeat: 4, status: 'invalid' }],
    });
    expect(microservices.p99Ms).toBeCloseTo(36, 1);
    expect(microservices.cpuMsPerSuccess).toBeCloseTo(3);
  });

  it('divides the medians of each topology by those of the baseline', () => {
    const [ratio] = comparison.ratios;
    expect(ratio.topology).toBe('microservices');
    expect(ratio.p50).toBeCloseTo(3, 2);
    expect(ratio.p99).toBeCloseTo(3, 2);
    expect(ratio.throughput).toBeCloseTo(1);
    expect(ratio.cpuPerSuccess).toBeCloseTo(3 / 1.1);
    expect(ratio.peakRss).toBeCloseTo(4.1);
    expect(comparison.faultPhases).toEqual([]);
  });

  it('falls back to invalid cells, marked, when a topology has no valid repeat', () => {
    const [onlyInvalid] = compareTopologies([cells[0], cells[6]]);
    expect(onlyInvalid.topologies[1]).toMatchObject({
      topology: 'microservices',
      basis: 'invalid only',
      repeatsUsed: [4],
    });
  });

  it('puts fault phases side by side, with availability, p99, time to impact and to recover', () => {
    const incident = [
      incidentCell({ topology: 'monolith' }),
      incidentCell({ topology: 'microservices', slowBy: 2 }),
    ].map(summarize);
    const [result] = compareTopologies(incident);
    expect(result.faultPhases.map((p) => [p.phase, p.last])).toEqual([
      ['stall', false],
      ['recovery', true],
    ]);
    const [monolith, microservices] = result.faultPhases[1].byTopology;
    expect(monolith).toMatchObject({
      topology: 'monolith',
      availabilityWithinSlo: 0.8,
      timeToImpactMs: 0,
      timeToRecoverMs: 2000,
      recovered: 1,
      repeats: 1,
    });
    expect(microservices.topology).toBe('microservices');
    expect(microservices.classP99Ms['checkout']).toBeCloseTo(2000, -1);
    expect(result.faultPhases[0].byTopology[0]).toMatchObject({
      availability: 0,
      availabilityWithinSlo: 0,
      impactSeen: 1,
    });
  });
});
