import { describe, expect, it } from 'vitest';
import type { CellLoadResult } from '@paybench/bench-results';
import { generatorLagProblem } from './generator-lag.js';

const open = (lagP99Us: number, classP99Us: number, otherClassP99Us = 1_000) =>
  ({
    kind: 'open',
    result: {
      // The open loop's own flag (lag above 10 ms) no longer decides: the rule does.
      generatorLimited: lagP99Us > 10_000,
      scheduleLag: { count: 1, p50: 0, p99: lagP99Us, max: lagP99Us },
      classes: { checkout: { p99: classP99Us }, orderStatus: { p99: otherClassP99Us } },
    },
  }) as unknown as CellLoadResult;

describe('generatorLagProblem', () => {
  it('accepts a generator whose lag is within 10% of the slowest class p99', () => {
    expect(generatorLagProblem(open(4_000, 50_000))).toBeNull();
  });

  it('disqualifies a lag above 10% of the p99, below the 10 ms limb (the issue-14 case)', () => {
    expect(generatorLagProblem(open(7_700, 16_900))).toEqual({
      message:
        'the load generator could not keep its schedule: lag p99 7.7 ms against a measured p99 of 16.9 ms ' +
        '(limit 2.0 ms: 10% of the measured p99, at least 2 ms, at most 10 ms)',
      disqualifies: true,
    });
  });

  it('judges against the slowest class, not the first', () => {
    expect(generatorLagProblem(open(4_000, 10_000, 50_000))).toBeNull();
  });

  it('accepts lag under the 2 ms floor however fast the system', () => {
    expect(generatorLagProblem(open(1_900, 5_000))).toBeNull();
    expect(generatorLagProblem(open(2_100, 5_000))?.disqualifies).toBe(true);
  });

  it('disqualifies lag above 10 ms even when the system is far slower (a stall)', () => {
    expect(generatorLagProblem(open(26_000, 2_000_000))?.disqualifies).toBe(true);
    expect(generatorLagProblem(open(9_000, 2_000_000))).toBeNull();
  });

  it('judges each generator worker on its own: one late worker invalidates the cell, whatever the merged lag', () => {
    const withWorkers = (lags: number[]) => {
      const load = open(1_000, 50_000) as unknown as { result: Record<string, unknown> };
      const each = lags.map((lagP99, i) => ({ worker: `local ${i + 1}/2`, sent: 100, lagP99, lagMax: lagP99 }));
      return { ...load, result: { ...load.result, workers: { placement: 'own-cores', each } } } as CellLoadResult;
    };
    expect(generatorLagProblem(withWorkers([1_000, 4_000]))).toBeNull();
    expect(generatorLagProblem(withWorkers([1_000, 6_000]))?.message).toBe(
      'generator worker local 2/2 could not keep its schedule: lag p99 6.0 ms against a measured p99 of 50.0 ms ' +
        '(limit 5.0 ms: 10% of the measured p99, at least 2 ms, at most 10 ms)',
    );
  });
});
