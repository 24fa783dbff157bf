import { describe, expect, it } from 'vitest';
import type { OpenRung } from './calibrate-worker.js';
import { highestKeptRate, ladderRates, ladderShouldStop, rungFellBehind, rungMisses, sustainedRate } from './ladder.js';
import { renderCalibration } from './render-calibration.js';
import type { CalibrationResult } from './run-calibration.js';

const rung = (overrides: Partial<OpenRung> = {}): OpenRung => ({
  kind: 'open',
  rate: 1000,
  offeredRate: 1000,
  achievedRate: 1000,
  lagP50: 200,
  lagP99: 900,
  p50: 400,
  p99: 1500,
  dropped: 0,
  failed: 0,
  cpuMicrosPerRequest: 20,
  aborted: false,
  ...overrides,
});

describe('the calibration ladder', () => {
  it('rises geometrically in round figures up to its maximum', () => {
    expect(ladderRates(1000, 1.5, 20_000)).toEqual([1000, 1500, 2300, 3400, 5100, 7600, 11_000, 17_000]);
    expect(ladderRates(1000, 2, 5000)).toEqual([1000, 2000, 4000]);
    expect(ladderRates(7, 1.1, 10)).toEqual([7, 8, 9]);
    expect(() => ladderRates(1000, 1, 5000)).toThrow(RangeError);
    expect(() => ladderRates(1000, 2, 500)).toThrow(RangeError);
  });

  it('counts a rung as kept only when it was on time and every request was answered', () => {
    expect(rungMisses(rung(), 2)).toEqual([]);
    expect(rungMisses(rung({ lagP99: 2_500 }), 2)).toEqual(['lag p99 2.5 ms > 2 ms']);
    expect(rungMisses(rung({ achievedRate: 900 }), 2)).toEqual(['achieved 90% of offered']);
    expect(rungMisses(rung({ dropped: 3, failed: 1 }), 2)).toEqual(['3 dropped', '1 failed']);
  });

  it('tells a rung that fell behind from one only a little late', () => {
    expect(rungFellBehind(rung(), 2)).toBe(false);
    expect(rungFellBehind(rung({ lagP99: 9_000 }), 2)).toBe(false);
    expect(rungFellBehind(rung({ lagP99: 10_500 }), 2)).toBe(true);
    expect(rungFellBehind(rung({ dropped: 1 }), 2)).toBe(true);
    expect(rungFellBehind(rung({ achievedRate: 900 }), 2)).toBe(true);
  });

  it('stops after falling behind twice in a row, and counts only an unbroken run of kept rungs as sustained', () => {
    expect(ladderShouldStop([false, true])).toBe(false);
    expect(ladderShouldStop([true, false, true])).toBe(false);
    expect(ladderShouldStop([false, true, true])).toBe(true);
    const rungs = [
      { rate: 1000, missed: false },
      { rate: 2000, missed: true },
      { rate: 4000, missed: false },
      { rate: 8000, missed: true },
    ];
    expect(sustainedRate(rungs)).toBe(1000);
    expect(highestKeptRate(rungs)).toBe(4000);
    expect(sustainedRate([{ rate: 1000, missed: true }])).toBe(0);
  });
});

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
        { ...rung({ rate: 10_000, offeredRate: 10_000, achievedRate: 10_000 }), misses: [], attempts: 1 },
        {
          ...rung({ rate: 20_000, offeredRate: 20_000, achievedRate: 19_000 }),
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
