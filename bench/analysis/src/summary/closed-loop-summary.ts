import { classifyStatus, type SaturationResult } from '@paybench/bench-load';
import type {
  ClosedLoopSummary,
  CrossCheckFigures,
  HarnessCost,
  ProcessSample,
  WrkCrossCheck,
} from '@paybench/bench-results';
import { latencyFiguresFromSummary } from './merged-latency.js';
import { WHOLE_WINDOW } from './phase-seconds.js';
import { resourceFigures } from './resource-usage.js';

/** Classifies the answers by status as the open-loop generator does (2xx, 422, anything else). */
export function summarizeClosedLoop(
  result: SaturationResult,
  samples: readonly ProcessSample[],
  processNames: readonly string[],
  harness?: HarnessCost,
  crossCheck?: WrkCrossCheck,
): ClosedLoopSummary {
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
    resources: resourceFigures(
      samples,
      processNames,
      { label: WHOLE_WINDOW, fromMs: 0, toMs: result.durationMs },
      byOutcome.success,
      harness,
    ),
    ...(crossCheck ? { crossCheck: crossCheckFigures(result.throughput, crossCheck) } : {}),
  };
}

/** wrk's figures beside paybench's, and paybench's rate over wrk's (both count answers of any status). */
export function crossCheckFigures(paybenchPerSecond: number, check: WrkCrossCheck): CrossCheckFigures {
  const ran = check.error === null;
  const { connect, read, write, timeout } = check.socketErrors;
  return {
    tool: 'wrk',
    requestsPerSecond: ran ? check.requestsPerSecond : null,
    p50Ms: check.latencyP50Ms,
    p99Ms: check.latencyP99Ms,
    ratio: ran && check.requestsPerSecond > 0 ? paybenchPerSecond / check.requestsPerSecond : null,
    failures: check.non2xx + connect + read + write + timeout,
    error: check.error,
  };
}
