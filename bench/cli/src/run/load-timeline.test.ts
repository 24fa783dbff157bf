import { describe, expect, it } from 'vitest';
import { parseScenario } from '@paybench/bench-scenario';
import { CellRecorder } from './cell-recorder.js';
import { rateSteps } from './load-timeline.js';

const scenario = parseScenario(
  {
    name: 'pulse',
    description: 'x',
    topologies: ['monolith'],
    logging: [{ name: 'a', logger: { mode: 'async' }, driver: { mode: 'blocking' }, forwarder: { whenFull: 'block' } }],
    load: [{ kind: 'open', rate: 50, clientRetries: { max: 2 } }],
    duration: '30s',
    faults: [
      { at: '5s', phase: 'slow', forwarder: { sink: { mode: 'stall' } } },
      { at: '10s', phase: 'pulse', load: { factor: 3 } },
      { at: '20s', phase: 'after', load: { factor: 1 }, forwarder: { sink: { mode: 'normal' } } },
    ],
  },
  'pulse.yaml',
);

describe('the load on the fault timeline', () => {
  it('hands the generator every load change of the timeline, and only those, in ms of the measured window', () => {
    expect(rateSteps(scenario)).toEqual([
      { atMs: 10_000, factor: 3 },
      { atMs: 20_000, factor: 1 },
    ]);
    expect(rateSteps({ faults: [] })).toEqual([]);
  });

  it('records a load change with the fault it belongs to', () => {
    const recorder = new CellRecorder();
    const [, pulse, after] = scenario.faults.map((fault) => recorder.plannedFault(fault));
    expect(pulse).toMatchObject({ phase: 'pulse', plannedAtMs: 10_000, change: {}, load: { factor: 3 } });
    expect(after).toMatchObject({ change: { sink: { mode: 'normal' } }, load: { factor: 1 } });
  });
});
