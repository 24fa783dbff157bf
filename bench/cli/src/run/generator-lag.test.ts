import { describe, expect, it } from 'vitest';
import type { CellLoadResult } from '@paybench/bench-results';
import { generatorLagProblem } from './generator-lag.js';

const open = (limited: boolean, lagP99Us: number, classP99Us: number) =>
  ({
    kind: 'open',
    result: {
      generatorLimited: limited,
      scheduleLag: { count: 1, p50: 0, p99: lagP99Us, max: lagP99Us },
      classes: { checkout: { p99: classP99Us } },
    },
  }) as unknown as CellLoadResult;

describe('generatorLagProblem', () => {
  it('accepts a run the generator kept up with', () => {
    expect(generatorLagProblem(open(false, 2_000, 20_000))).toBeNull();
  });

  it('accepts a late generator when its lag is small next to what it measured (a stalled system)', () => {
    expect(generatorLagProblem(open(true, 26_000, 2_000_000))).toBeNull();
  });

  it('disqualifies a late generator whose lag is a material part of the latencies', () => {
    expect(generatorLagProblem(open(true, 12_000, 20_000))).toEqual({
      message: 'the load generator could not keep its schedule: lag p99 12.0 ms against a measured p99 of 20.0 ms',
      disqualifies: true,
    });
  });
});
