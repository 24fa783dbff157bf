import { describe, expect, it } from 'vitest';
import type { CellSummary, MachineFloor, RunResult } from '@paybench/bench-results';
import { floorLines, hopOverheads, monolithEfficiency } from './floor-figures.js';

const floor: MachineFloor = {
  express: { throughput: 10_000, p50: 3_000, p99: 9_000, failed: 0, cpuMicrosPerRequest: 80 },
  hop: { throughput: 4_000, p50: 7_000, p99: 20_000, failed: 0, cpuMicrosPerRequest: 230 },
  hopCpuMicros: 150,
  connections: 32,
  durationMs: 2_000,
  warmupMs: 500,
  method: 'test',
};

function closed(topology: string, throughput: number, valid = true, load = 'closed-32'): CellSummary {
  return {
    topology,
    logging: 'fixed',
    load,
    valid,
    traffic: { kind: 'closed', throughputPerSecond: throughput },
  } as unknown as CellSummary;
}

const run = (environmentFloor: RunResult['environment']['floor']) =>
  ({ environment: { floor: environmentFloor } }) as unknown as RunResult;

describe('the machine floor in words', () => {
  it("sets the monolith's median valid saturation throughput against bare express, per closed-loop group", () => {
    const summaries = [
      closed('monolith', 900),
      closed('monolith', 1_100),
      closed('monolith', 1_000),
      closed('monolith', 9_000, false),
      closed('microservices', 400),
      closed('monolith', 2_000, true, 'closed-64'),
    ];
    const figures = monolithEfficiency(floor, summaries);
    expect(figures.map((f) => [f.load, f.throughput, f.share])).toEqual([
      ['closed-32', 1_000, 0.1],
      ['closed-64', 2_000, 0.2],
    ]);
    const lines = floorLines(run(floor), summaries);
    expect(lines[0]).toMatch(/bare express 10000 req\/s at 80 us CPU\/request; .* hop 4000 req\/s, \+150 us CPU/);
    expect(lines[1]).toBe('monolith efficiency (logging fixed, closed-32): 1000 req/s = 10.0% of bare express');
  });

  it("sets the monolith's capacity at the SLO against bare express, per stepped group, and says it is a capacity", () => {
    const stepped = (topology: string, capacityRps: number | null, valid = true) =>
      ({
        topology,
        logging: 'fixed',
        load: 'steps-50x1.5',
        valid,
        traffic: null,
        capacity: { kind: 'steps', capacityRps },
      }) as unknown as CellSummary;
    const summaries = [
      stepped('monolith', 1_200),
      stepped('monolith', 1_300),
      stepped('monolith', 1_400),
      stepped('monolith', 9_000, false),
      stepped('monolith', null),
      stepped('microservices', 250),
      closed('monolith', 2_000),
    ];
    const figures = monolithEfficiency(floor, summaries);
    expect(figures.map((f) => [f.load, f.basis, f.throughput, f.share])).toEqual([
      ['steps-50x1.5', 'capacity', 1_300, 0.13],
      ['closed-32', 'saturation', 2_000, 0.2],
    ]);
    expect(floorLines(run(floor), summaries).slice(1)).toEqual([
      'monolith efficiency (logging fixed, steps-50x1.5): capacity at the SLO 1300 req/s = 13.0% of bare express',
      'monolith efficiency (logging fixed, closed-32): 2000 req/s = 20.0% of bare express',
    ]);
  });

  it('says why the floor is missing, and says nothing for results recorded before it existed', () => {
    expect(floorLines(run({ skipped: 'not measured (--no-floor)' }), [])).toEqual([
      'machine floor: not measured (--no-floor)',
    ]);
    expect(floorLines(run(undefined), [])).toEqual([]);
  });

  it('sets the CPU microservices spend per internal call beyond the monolith against one bare hop', () => {
    const open = (topology: string, cpuMsPerSuccess: number, success: number) =>
      ({
        key: `${topology}/fixed/open-100`,
        topology,
        logging: 'fixed',
        load: 'open-100',
        repeat: 1,
        valid: true,
        traffic: { kind: 'open', overall: { traffic: { success }, resources: { cpuMsPerSuccess } } },
      }) as unknown as CellSummary;
    const sample = (process: string, second: number, rpcServed: number) => ({ process, second, rpcServed });
    const samples = [
      sample('checkout', 0, 10),
      sample('checkout', 9, 410),
      sample('orders', 0, 0),
      sample('orders', 9, 100),
    ];
    const withSamples = (list: unknown[]) =>
      ({
        environment: { floor },
        cells: [{ key: 'microservices/fixed/open-100', repeat: 1, samples: list }],
      }) as unknown as RunResult;
    const summaries = [open('monolith', 1.0, 100), open('microservices', 2.5, 100)];
    // 500 calls over 100 requests: 5 per request; 1500 us more per request: 300 us per call, twice the bare hop's 150.
    expect(hopOverheads(withSamples(samples), floor, summaries)).toEqual([
      {
        logging: 'fixed',
        load: 'open-100',
        extraCpuMicros: 1500,
        callsPerRequest: 5,
        perCallMicros: 300,
        ofBareHop: 2,
      },
    ]);
    expect(floorLines(withSamples(samples), summaries)).toContain(
      'hop overhead (logging fixed, open-100): microservices +1500 us CPU/request over 5.0 internal calls = 300 us per call, x2.0 a bare hop',
    );
    // A process restarted in the window counts from 0 again: the figure is unknown, not made up.
    const restarted = [...samples.slice(0, 3), sample('orders', 5, 80), sample('orders', 9, 3)];
    expect(hopOverheads(withSamples(restarted), floor, summaries)).toEqual([]);
  });
});
