import { classifyStatus, type ErrorsByKind, type SaturationResult } from '../load/index.js';
import type { ProcessSample } from '../results/result-schema.js';
import { latencyFiguresFromSummary, type LatencyFigures } from './merged-latency.js';
import { WHOLE_WINDOW } from './phase-seconds.js';
import { resourceFigures, type ResourceFigures } from './resource-usage.js';

/**
 * A closed-loop (saturation) cell: maximum throughput at a fixed concurrency. There is no
 * schedule (so no offered rate, no dropped requests, no availability) and no per-second data
 * (so no phases): every figure covers the whole measured window.
 */
export interface ClosedLoopSummary {
  kind: 'closed';
  connections: number;
  durationMs: number;
  /** HTTP answers (any status) completed in the window. */
  answered: number;
  /** answered / window seconds. */
  throughputPerSecond: number;
  /** 2xx answers. */
  success: number;
  /** 422 answers. */
  rejection: number;
  /** Answers with any other status. */
  errorStatuses: number;
  statuses: Record<string, number>;
  /** Requests with no answer (timeouts included), by kind. */
  errors: number;
  errorsByKind: ErrorsByKind;
  /** Service time under saturation, from each request's actual send (not latency at a given load). */
  latency: LatencyFigures;
  resources: ResourceFigures;
}

/** Classifies the answers by status as the open-loop generator does (2xx, 422, anything else). */
export function summarizeClosedLoop(result: SaturationResult, samples: readonly ProcessSample[], processNames: readonly string[]): ClosedLoopSummary {
  const byOutcome = { success: 0, rejection: 0, error: 0 };
  for (const [status, count] of Object.entries(result.statuses)) byOutcome[classifyStatus(Number(status))] += count;
  return {
    kind: 'closed',
    connections: result.connections,
    durationMs: result.durationMs,
    answered: result.completed,
    throughputPerSecond: result.throughput,
    success: byOutcome.success,
    rejection: byOutcome.rejection,
    errorStatuses: byOutcome.error,
    statuses: result.statuses,
    errors: result.errors,
    errorsByKind: result.errorsByKind,
    latency: latencyFiguresFromSummary(result.latency),
    resources: resourceFigures(samples, processNames, { label: WHOLE_WINDOW, fromMs: 0, toMs: result.durationMs }, byOutcome.success),
  };
}
