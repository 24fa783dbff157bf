// Run results for the report tests, built with the summary tests' cell fixtures (real HdrHistogram
// encodings, as a run writes them): the incident under two logging configurations, both
// topologies, plus a closed-loop (saturation) point.
import { createLatencyHistogram, recordMillis, summarizeLatency } from '@paybench/bench-load';
import type { CellResult, RunResult } from '../result-schema.js';
import type { LoggingConfig } from '@paybench/bench-scenario';
import {
  cellResult,
  incidentCell,
  incidentSeconds,
  INCIDENT_PHASES,
  openLoopResult,
  processSamples,
  runResult,
  steadyCell,
  times,
} from './cell.js';

const MiB = 2 ** 20;

export const FIXED_LOGGING: LoggingConfig = {
  name: 'fixed',
  logger: { mode: 'sync', maxBufferBytes: MiB },
  driver: { mode: 'non-blocking', maxBufferBytes: MiB },
  forwarder: { whenFull: 'drop_newest', maxEvents: 500 },
};

/** A saturation cell: `count` answers of `latencyMs` over 10 s at 32 connections. */
export function closedCell(topology: string, latencyMs: number, count: number): CellResult {
  const histogram = createLatencyHistogram();
  for (let i = 0; i < count; i++) recordMillis(histogram, latencyMs + (i % 10));
  return cellResult({
    topology,
    load: { kind: 'closed', connections: 32 },
    processes: [topology],
    samples: processSamples(topology, { fromSecond: 0, toSecond: 10, cpuPerSecond: 0.5, rssBytes: 150 * MiB }),
    loadResult: {
      kind: 'closed',
      result: {
        completed: count,
        throughput: count / 10,
        statuses: { '201': count },
        errors: 0,
        errorsByKind: { timeout: 0, connection_refused: 0, connection_reset: 0, other: 0, cancelled: 0 },
        latency: summarizeLatency(histogram),
        autocannon: { completed: count, errors: 0, timeouts: 0, non2xx: 0 },
        connections: 32,
        durationMs: 10_000,
        warmupMs: 1_000,
      },
    },
  });
}

/** What a settled pipeline reports: every line delivered but `dropped` (by the forwarder). */
function accounting(process: string, emitted: number, dropped: number): CellResult['logAccounting'] {
  return {
    at: '2026-01-01T00:01:00.000Z',
    holds: true,
    settled: true,
    forwarderError: null,
    processes: [
      {
        process,
        emitted,
        delivered: emitted - dropped,
        droppedByLogger: 0,
        droppedByDriver: 0,
        droppedByForwarder: dropped,
        lostOnConnection: 0,
        inFlight: { inProcess: 0, inDriver: 0, onConnection: 0, inForwarder: 0, total: 0 },
        forwarderSeqGaps: 0,
        holds: true,
        problems: [],
      },
    ],
  };
}

/**
 * The incident: under `broken` the stall hurts both topologies, microservices longer (its slow
 * answers twice as slow, and two more slow seconds after the stall); under `fixed` both stay
 * healthy and the forwarder drops lines instead. One closed-loop point per topology.
 */
export function incidentRun(overrides: Partial<RunResult> = {}): RunResult {
  const slowTail = incidentSeconds(2);
  slowTail[17] = { checkout: { ok: times(80, 400) }, orderStatus: { ok: times(20, 400) } };
  slowTail[18] = slowTail[17];
  const fixed = (topology: string, latencyMs: number) => ({
    ...steadyCell({
      topology,
      logging: FIXED_LOGGING,
      latencyMs,
      cpuPerSecond: 0.2,
      rssBytes: 120 * MiB,
      seconds: 25,
      phases: INCIDENT_PHASES,
    }),
    logAccounting: accounting(topology, 5_000, 1_200),
  });
  const cells = [
    { ...incidentCell({ topology: 'monolith' }), logAccounting: accounting('monolith', 5_000, 0) },
    {
      ...incidentCell({ topology: 'microservices', cpuPerSecond: 0.6, rssBytes: 600 * MiB }),
      loadResult: { kind: 'open' as const, result: openLoopResult(slowTail) },
      logAccounting: accounting('microservices', 9_000, 0),
    },
    fixed('monolith', 4),
    fixed('microservices', 12),
    closedCell('monolith', 20, 5_000),
    closedCell('microservices', 60, 2_000),
  ];
  const base = runResult(cells, overrides);
  return {
    ...base,
    scenario: {
      ...base.scenario,
      logging: [base.scenario.logging[0], FIXED_LOGGING],
      load: [...base.scenario.load, { kind: 'closed', connections: 32 }],
      duration: 25_000,
      faults: [
        { at: 10_000, phase: 'stall', forwarder: { sink: { mode: 'stall' } } },
        { at: 15_000, phase: 'recovery', forwarder: { sink: { mode: 'normal' } } },
      ],
      ...overrides.scenario,
    },
  };
}
