import { describe, expect, it } from 'vitest';
import { openLoopResult, times } from '@paybench/bench-results/testing';
import { trafficFigures } from './traffic-figures.js';

// One second: 95 sent, 5 dropped; 80 successes at 10 ms, 5 rejections at 300 ms (slower than
// the 250 ms SLO), 3 error answers at 10 ms, 7 timeouts at 2 s.
const second = openLoopResult([
  {
    checkout: {
      sent: 95,
      dropped: 5,
      ok: times(80, 10),
      rejected: times(5, 300),
      failed: times(3, 10),
      timedOut: times(7, 2000),
    },
  },
]).perSecond[0].classes['checkout'];

describe('availability', () => {
  it('counts correct answers, and correct answers within the SLO, against every request due', () => {
    const figures = trafficFigures([second], 1000, { sloP99Ms: 250, requestTimeoutMs: 2000 });
    expect(figures).toMatchObject({
      scheduled: 100,
      sent: 95,
      dropped: 5,
      completed: 95,
      success: 80,
      rejection: 5,
      error: 10,
    });
    expect(figures).toMatchObject({
      answered: 88,
      errorStatuses: 3,
      timeouts: 7,
      offeredPerSecond: 100,
      answeredPerSecond: 88,
      successPerSecond: 80,
    });
    expect(figures.availability).toBeCloseTo(0.85);
    // 12 samples above the SLO: 5 slow rejections + 7 timeouts; the timeouts are errors already.
    expect(figures.withinSlo).toEqual({
      sloMs: 250,
      samplesAboveSlo: 12,
      timeoutsAboveSlo: 7,
      good: 80,
      availability: 0.8,
    });
  });

  it('without a known timeout, counts every slow sample against the good answers (a looser lower bound)', () => {
    const figures = trafficFigures([second], 1000, { sloP99Ms: 250, requestTimeoutMs: null });
    expect(figures.withinSlo).toMatchObject({ samplesAboveSlo: 12, timeoutsAboveSlo: 0, good: 73, availability: 0.73 });
  });

  it('never goes below 0 good answers, and is unknown when nothing was due', () => {
    const slow = openLoopResult([{ checkout: { ok: times(2, 900), failed: times(5, 900) } }]).perSecond[0].classes[
      'checkout'
    ];
    expect(trafficFigures([slow], 1000, { sloP99Ms: 250, requestTimeoutMs: 2000 }).withinSlo.good).toBe(0);
    const idle = openLoopResult([{ checkout: {} }]).perSecond[0].classes['checkout'];
    expect(trafficFigures([idle], 1000, { sloP99Ms: 250, requestTimeoutMs: 2000 })).toMatchObject({
      availability: null,
      withinSlo: { availability: null },
    });
  });
});
