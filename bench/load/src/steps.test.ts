import { describe, expect, it } from 'vitest';
import { stepRates, stepsShouldStop } from './steps.js';

describe('stepRates', () => {
  it('rises geometrically from start, maxSteps of them', () => {
    expect(stepRates({ start: 100, factor: 1.5, maxSteps: 5 })).toEqual([100, 150, 225, 337.5, 506.3]);
  });

  it('stops before the first rate above maxRate', () => {
    expect(stepRates({ start: 100, factor: 2, maxSteps: 10, maxRate: 800 })).toEqual([100, 200, 400, 800]);
    expect(stepRates({ start: 100, factor: 2, maxSteps: 10, maxRate: 799 })).toEqual([100, 200, 400]);
  });
});

describe('stepsShouldStop', () => {
  it('stops after two steps in a row beyond the SLO, not after one', () => {
    expect(stepsShouldStop([true, true, false])).toBe(false);
    expect(stepsShouldStop([true, false, true, false])).toBe(false);
    expect(stepsShouldStop([true, false, false])).toBe(true);
    expect(stepsShouldStop([false])).toBe(false);
    expect(stepsShouldStop([false, false])).toBe(true);
  });
});
