import { describe, expect, it } from 'vitest';
import type { LoadPoint } from '@paybench/bench-scenario';
import { cellResult, openLoopResult, runResult, times } from '@paybench/bench-results/testing';
import { timelineCharts } from './timeline-chart.js';

const retrying: LoadPoint = { kind: 'open', rate: 100, maxInFlight: 512, clientRetries: { max: 3, backoffMs: 0 } };
const plain: LoadPoint = { kind: 'open', rate: 100, maxInFlight: 512 };
const seconds = [
  { checkout: { ok: times(100, 5) } },
  { checkout: { sent: 100, timedOut: times(100, 1000), retries: 250 } },
];

const runWith = (load: LoadPoint) =>
  runResult([cellResult({ load, loadResult: { kind: 'open', result: openLoopResult(seconds) } })], {
    scenario: { ...runResult([]).scenario, load: [load], topologies: ['monolith'], duration: 2_000 },
  });

describe('timelines of a retrying client', () => {
  it('plot the attempts per second (requests due plus retries) only when the client retries', () => {
    const [withRetries] = timelineCharts(runWith(retrying));
    const [without] = timelineCharts(runWith(plain));
    expect(withRetries.svg).toContain('attempts /s');
    expect(without.svg).not.toContain('attempts /s');
  });
});
