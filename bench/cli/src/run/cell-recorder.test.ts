import { describe, expect, it } from 'vitest';
import { cellResult } from '@paybench/bench-results/testing';
import type { CellLoadResult, ProcessSample } from '@paybench/bench-results';
import type { Cell, Scenario } from '@paybench/bench-scenario';
import { CellRecorder } from './cell-recorder.js';

const { key, topology, logging, load } = cellResult();
const cell: Cell = { key, topology, logging, load, repeat: 1 };
const scenario = { duration: 10_000, faults: [] } as unknown as Scenario;
const identity = { cell, scenario, processes: [{ name: 'monolith', modules: ['checkout'] }] };
const loadResult = { kind: 'open', result: {} } as unknown as CellLoadResult;

describe('CellRecorder', () => {
  it('stores every problem in order, and those that disqualify apart: the status follows from them', () => {
    const recorder = new CellRecorder();
    recorder.problem({ message: 'priming', disqualifies: false });
    recorder.problem(null);
    recorder.loadEnded(loadResult);
    recorder.problem({ message: 'generator lag', disqualifies: true });
    const result = recorder.result(identity, false);
    expect(result).toMatchObject({
      status: 'invalid',
      problems: ['priming', 'generator lag'],
      disqualifying: ['generator lag'],
    });
    expect(result.loadResult).toBe(loadResult);
  });

  it('is ok with problems that only note something, failed without a load result, interrupted when signalled', () => {
    const recorder = new CellRecorder();
    recorder.problem({ message: 'orders ignored SIGTERM and was killed', disqualifies: false });
    expect(recorder.result(identity, false)).toMatchObject({ status: 'failed', problems: [expect.any(String)] });
    recorder.loadEnded(loadResult);
    expect(recorder.result(identity, false)).toMatchObject({ status: 'ok', disqualifying: [] });
    expect(recorder.result(identity, true).status).toBe('interrupted');
  });

  it('reads the samples and fills in the faults as they come, and describes the cell and its processes', () => {
    const recorder = new CellRecorder();
    const source = { samples: [] as ProcessSample[], forwarderSamples: [] };
    recorder.sampledBy(source);
    const stall = { sink: { mode: 'stall' } };
    const fault = recorder.plannedFault({ phase: 'stalled', at: 2_000, forwarder: stall } as never);
    source.samples.push({ second: 0, process: 'monolith' } as ProcessSample);
    fault.appliedAtMs = 2_003;
    const result = recorder.result(identity, false);
    expect(result.samples).toHaveLength(1);
    expect(result.faults).toEqual([
      { phase: 'stalled', plannedAtMs: 2_000, appliedAtMs: 2_003, change: stall, error: null },
    ]);
    expect(result).toMatchObject({ key, phases: [{ name: 'steady', fromMs: 0, toMs: 10_000 }] });
    expect(result.processes).toEqual(identity.processes);
    expect(result).not.toHaveProperty('cpuProfiles');
    expect(result).not.toHaveProperty('clinic');
  });

  it('records link faults as planned, the in-process notes once each, and the proxies at the end', () => {
    const recorder = new CellRecorder();
    const toxics = [{ type: 'blackHole' as const, direction: 'both' as const }];
    const fault = recorder.plannedFault({ phase: 'cut', at: 1_000, links: [{ from: 'checkout', to: 'risk', toxics }] });
    expect(fault).toMatchObject({ change: {}, links: [{ from: 'checkout', to: 'risk', toxics, appliedAs: null }] });
    const note = 'link checkout->risk is in-process in monolith: no network fault applied';
    recorder.note(note);
    recorder.note(note);
    recorder.loadEnded(loadResult);
    expect(recorder.result(identity, false)).toMatchObject({ status: 'ok', notes: [note] });
    expect(recorder.result(identity, false)).not.toHaveProperty('linkProxies');
    const proxy = { from: 'checkout', to: 'risk', links: ['checkout->risk'], url: 'http://127.0.0.1:1', stats: {} };
    recorder.linkProxiesEnded([proxy as never]);
    expect(recorder.result(identity, false).linkProxies).toEqual([proxy]);
    expect(recorder.result(identity, false)).not.toHaveProperty('linkProxyCpu');
    recorder.linkProxyCpuMeasured({ runnerCpuMs: 120, windowMs: 10_000, proxies: 1 });
    expect(recorder.result(identity, false).linkProxyCpu).toEqual({ runnerCpuMs: 120, windowMs: 10_000, proxies: 1 });
  });

  it('records module faults as planned, and each crash with times from the window start and a note', () => {
    const recorder = new CellRecorder();
    recorder.windowOpened(1_000_000);
    const crash = [{ type: 'crash' as const, restartAfter: 5_000 }];
    const fault = recorder.plannedFault({ phase: 'crashed', at: 10_000, modules: [{ module: 'risk', faults: crash }] });
    expect(fault).toMatchObject({ change: {}, modules: [{ module: 'risk', faults: crash, appliedTo: null }] });
    const record = {
      process: 'risk',
      module: 'risk',
      killedAt: 1_010_000,
      restartAfterMs: 5_000,
      restartedAt: 1_015_000,
      readyAt: null as number | null,
      error: null,
    };
    recorder.crashesSeen([record]);
    recorder.loadEnded(loadResult);
    // Read when the result is built: a restart that became ready after crashesSeen still shows.
    record.readyAt = 1_015_800;
    const result = recorder.result(identity, false);
    expect(result.status).toBe('ok');
    expect(result.crashes).toEqual([
      {
        process: 'risk',
        module: 'risk',
        killedAtMs: 10_000,
        restartAfterMs: 5_000,
        restartedAtMs: 15_000,
        readyAtMs: 15_800,
        error: null,
      },
    ]);
    expect(result.notes).toEqual([
      'process risk killed on purpose at 10.0 s (crash fault on module risk); restarted, answering again at 15.8 s',
    ]);
    const quiet = new CellRecorder();
    quiet.loadEnded(loadResult);
    expect(quiet.result(identity, false)).not.toHaveProperty('crashes');
  });

  it('records the preset of a cell that runs one, with the counters read at its end (none when never started)', () => {
    const preset: Cell = { ...cell, key: `${cell.key}/resilient`, resilience: 'resilient' };
    const recorder = new CellRecorder();
    expect(recorder.result({ ...identity, cell: preset }, false).resilience).toEqual({
      preset: 'resilient',
      processes: [],
    });
    const counts = {
      process: 'monolith',
      reachable: true,
      retries: 1,
      breakerOpens: 0,
      breakerRejections: 0,
      bulkheadRejections: 0,
      fallbacks: 2,
    };
    recorder.policiesEnded([counts]);
    expect(recorder.result({ ...identity, cell: preset }, false).resilience).toEqual({
      preset: 'resilient',
      processes: [counts],
    });
    expect(new CellRecorder().result(identity, false)).not.toHaveProperty('resilience');
  });
});
