import { describe, expect, it } from 'vitest';
import type { LoadPoint } from '@paybench/bench-scenario';
import { cellResult, openLoopResult, runResult, times } from '@paybench/bench-results/testing';
import { timelineCharts } from './timeline-chart.js';

const load: LoadPoint = { kind: 'open', rate: 100, maxInFlight: 512 };
const busySecond = { checkout: { ok: times(100, 5) } };

/** One cell over a 40 s window: a 1 s phase, then a 39 s one. */
function runWithPhases(first: string, then: string) {
  const phases = [
    { name: first, fromMs: 0, toMs: 1_000 },
    { name: then, fromMs: 1_000, toMs: 40_000 },
  ];
  const result = openLoopResult(Array.from({ length: 40 }, () => busySecond));
  return runResult([cellResult({ load, phases, loadResult: { kind: 'open', result } })], {
    scenario: { ...runResult([]).scenario, load: [load], topologies: ['monolith'], duration: 40_000 },
  });
}

describe('timeline phase names', () => {
  it('name a phase at the top where its name fits, and leave a too narrow one to its tint and the tables', () => {
    // A second is ~13 px of a 40 s panel: too narrow for "cardinality" (its name would run into the next one's).
    const [chart] = timelineCharts(runWithPhases('cardinality', 'stall'));
    expect(chart?.svg).toContain('>stall<');
    expect(chart?.svg).not.toContain('>cardinality<');
  });
});
