import type { StepsResult } from '@paybench/bench-load';
import type { CellResult } from '../result-schema.js';
import { cellResult, openLoopResult, times } from './cell.js';

/** One step of a stepped run: `rate` requests in its one second, each `latencyMs`; `failed` of them 500s. */
export interface StepSpec {
  rate: number;
  latencyMs: number;
  failed?: number;
  lagP99Ms?: number;
}

/** A stepped result from its steps' specs (one-second steps). */
export function stepsResult(specs: readonly StepSpec[], sloP99Ms: number, stoppedBy: StepsResult['stoppedBy'] = 'slo'): StepsResult {
  return {
    steps: specs.map((spec) => {
      const failed = spec.failed ?? 0;
      const result = openLoopResult([
        { checkout: { ok: times(spec.rate - failed, spec.latencyMs), failed: times(failed, spec.latencyMs) } },
      ]);
      const lag = (spec.lagP99Ms ?? 1) * 1000;
      return {
        rate: spec.rate,
        result: { ...result, ratePerSecond: spec.rate, scheduleLag: { count: spec.rate, p50: lag / 2, p99: lag, max: lag } },
      };
    }),
    stoppedBy,
    sloP99Ms,
    stepMs: 1000,
  };
}

/** A stepped cell of `topology`. */
export function stepsCell(topology: string, specs: readonly StepSpec[], sloP99Ms = 250): CellResult {
  return cellResult({
    topology,
    load: { kind: 'steps', start: specs[0]?.rate ?? 1, factor: 2, step: 1000, maxSteps: 12, maxInFlight: 512 },
    loadResult: { kind: 'steps', result: stepsResult(specs, sloP99Ms) },
  });
}
