import { describe, expect, it } from 'vitest';
import type { CalibrationResult } from '@paybench/bench-results';
import { openRung } from '@paybench/bench-results/testing';
import { renderCalibration } from './render-calibration.js';

describe('the calibration table', () => {
  it('shows each rung, autocannon, and the rate kept as a share of autocannon', () => {
    const result: CalibrationResult = {
      pinning: { sut: '1', load: '0', note: 'load generator on CPU 0; system under test on CPU 1' },
      autocannon: [30_000, 40_000].map((throughput) => ({
        kind: 'closed' as const,
        connections: 64,
        throughput,
        p50: 1500,
        p99: 3000,
        failed: 0,
        cpuMicrosPerRequest: 25,
        aborted: false,
      })),
      rungs: [
        { ...openRung({ rate: 10_000, offeredRate: 10_000, achievedRate: 10_000 }), misses: [], attempts: 1 },
        {
          ...openRung({ rate: 20_000, offeredRate: 20_000, achievedRate: 19_000 }),
          misses: ['achieved 95% of offered'],
          attempts: 2,
        },
      ],
      sustainedRate: 10_000,
      highestKeptRate: 10_000,
      maxLagMs: 2,
      aborted: false,
    };
    const text = renderCalibration(result);
    expect(text).toContain('offered/s');
    expect(text).toMatch(/^ +10000 +10000 +0\.20 +0\.90 +0\.40 +1\.50 +0 +0 +20\.0 +kept$/m);
    expect(text).toContain('missed: achieved 95% of offered (best of 2)');
    expect(text).toContain('autocannon (closed loop, 64 connections): 30000 req/s');
    expect(text).toContain('up to 10000 req/s (29% of autocannon');
    expect(text).toContain("autocannon's mean: 35000 req/s");
    const interrupted = renderCalibration({
      ...result,
      rungs: [],
      sustainedRate: 0,
      highestKeptRate: 0,
      aborted: true,
    });
    expect(interrupted).not.toContain('offered/s');
    expect(interrupted).toMatch(/no rung was measured.*INTERRUPTED/);
  });
});
