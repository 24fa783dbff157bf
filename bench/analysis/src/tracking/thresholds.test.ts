import { describe, expect, it } from 'vitest';
import { judgeNoise } from './noise.js';
import { DEFAULT_THRESHOLDS, matchesPattern, thresholdFor } from './thresholds.js';

describe('threshold patterns', () => {
  it('matches * across slashes and nothing else loosely', () => {
    expect(matchesPattern('ratio/*', 'ratio/broken/open-50/microservices:monolith/p99_ms')).toBe(true);
    expect(matchesPattern('*/whole/p99_ms', 'broken/open-50/monolith/whole/p99_ms')).toBe(true);
    expect(matchesPattern('*/whole/p99_ms', 'broken/open-50/monolith/stall/p99_ms')).toBe(false);
    // '.' is a literal dot, not "any character".
    expect(matchesPattern('a.b', 'axb')).toBe(false);
    expect(matchesPattern('broken/open-50/monolith/whole/p99_ms', 'broken/open-50/monolith/whole/p99_ms')).toBe(true);
  });

  it('gates ratios tighter than absolute figures, and leaves coarse figures ungated by default', () => {
    const percent = (name: string) => thresholdFor(name, DEFAULT_THRESHOLDS)?.percent;
    expect(percent('ratio/broken/open-50/microservices:monolith/p50_ms')).toBe(25);
    expect(percent('ratio/broken/open-50/microservices:monolith/p99_ms')).toBe(50);
    expect(percent('ratio/broken/open-50/microservices:monolith/healthy_p99_ms')).toBe(50);
    expect(percent('ratio/broken/open-50/microservices:monolith/cpu_ms_per_req')).toBe(20);
    expect(percent('ratio/broken/open-50/microservices:monolith/peak_rss_mib')).toBe(15);
    expect(percent('ratio/open-100/monolith/fixed:broken/stall_availability')).toBe(10);
    expect(percent('broken/open-50/monolith/whole/p99_ms')).toBe(100);
    expect(percent('broken/open-50/monolith/stall/p99_ms')).toBe(100);
    expect(percent('broken/open-50/monolith/stall/p50_ms')).toBe(50);
    expect(percent('broken/open-50/monolith/whole/cpu_ms_per_req')).toBe(50);
    expect(percent('broken/open-50/monolith/whole/availability')).toBe(5);
    expect(percent('broken/open-50/monolith/whole/slo_availability')).toBe(10);
    expect(percent('broken/open-50/monolith/stall/availability')).toBeNull();
    expect(percent('broken/open-50/monolith/stall/time_to_impact_ms')).toBeNull();
    expect(percent('broken/open-50/monolith/recovery/time_to_recover_ms')).toBeNull();
    expect(percent('broken/open-50/monolith/whole/log_lines_dropped')).toBeNull();
    expect(percent('fixed/closed-32/monolith/whole/throughput_rps')).toBe(30);
  });
});

describe('noise estimate', () => {
  it('uses the repeats when both sides have two or more, else the seconds, else says it cannot tell', () => {
    const seconds = (base: number) => Array.from({ length: 20 }, (_, i) => base + (i % 5));
    expect(
      judgeNoise({ repeats: [10, 11, 12], perSecond: seconds(10) }, { repeats: [30, 31, 33], perSecond: seconds(30) }),
    ).toMatchObject({ basis: 'repeats', n: [3, 3], beyond: true });
    expect(
      judgeNoise({ repeats: [10, 11, 12], perSecond: seconds(10) }, { repeats: [30], perSecond: seconds(30) }),
    ).toMatchObject({ basis: 'seconds', n: [20, 20], beyond: true });
    expect(
      judgeNoise({ repeats: [10], perSecond: seconds(10) }, { repeats: [10.5], perSecond: seconds(10) }),
    ).toMatchObject({ basis: 'seconds', beyond: false });
    expect(judgeNoise({ repeats: [10] }, { repeats: [30] })).toMatchObject({
      basis: 'none',
      beyond: null,
      text: 'unknown (1/1 repeat)',
    });
    // Medians of 0: no ratio, so Mann-Whitney on the repeats decides.
    expect(judgeNoise({ repeats: [0, 0, 0] }, { repeats: [0, 0, 0] })).toMatchObject({
      basis: 'repeats',
      beyond: false,
      interval: null,
    });
  });
});
