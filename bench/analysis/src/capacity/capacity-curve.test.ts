import { describe, expect, it } from 'vitest';
import { stepsResult } from '@paybench/bench-results/testing';
import { capacityCurve } from './capacity-curve.js';

describe('capacityCurve', () => {
  it('gives one point per step and the highest offered rate within the SLO as capacity', () => {
    const curve = capacityCurve(
      stepsResult(
        [
          { rate: 100, latencyMs: 10 },
          { rate: 200, latencyMs: 40 },
          { rate: 400, latencyMs: 300 },
          { rate: 800, latencyMs: 900 },
        ],
        250,
      ),
    );
    expect(curve.points.map((p) => [p.offeredRate, p.withinSlo])).toEqual([
      [100, true],
      [200, true],
      [400, false],
      [800, false],
    ]);
    expect(curve.points[1]).toMatchObject({ achievedRate: 200, availability: 1, lagP99Ms: 1, lagValid: true });
    expect(curve.points[1].p99Ms).toBeCloseTo(40, 0);
    expect(curve.capacityRps).toBe(200);
    expect(curve.stoppedBy).toBe('slo');
  });

  it('does not count a fast step with fewer than 99.9% answered', () => {
    // 1 failure in 400 (99.75% answered) at 400 req/s; 1 in 2000 (99.95%) at 2000 req/s would count.
    const curve = capacityCurve(
      stepsResult(
        [
          { rate: 200, latencyMs: 10 },
          { rate: 400, latencyMs: 10, failed: 1 },
          { rate: 2000, latencyMs: 10, failed: 1 },
        ],
        250,
      ),
    );
    expect(curve.points.map((p) => p.withinSlo)).toEqual([true, false, true]);
    expect(curve.capacityRps).toBe(2000);
  });

  it('does not count a step whose generator fell behind (the lag rule), and has no capacity when no step counts', () => {
    const late = capacityCurve(
      stepsResult(
        [
          { rate: 100, latencyMs: 10 },
          { rate: 200, latencyMs: 10, lagP99Ms: 5 },
        ],
        250,
      ),
    );
    expect(late.points.map((p) => p.lagValid)).toEqual([true, false]);
    expect(late.capacityRps).toBe(100);
    expect(capacityCurve(stepsResult([{ rate: 100, latencyMs: 300 }], 250)).capacityRps).toBeNull();
  });
});
