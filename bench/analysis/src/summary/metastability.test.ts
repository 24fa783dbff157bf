import { describe, expect, it } from 'vitest';
import type { CellResult } from '@paybench/bench-results';
import { cellResult, openLoopResult, runResult, times } from '@paybench/bench-results/testing';
import type { FaultEvent, LoadPoint } from '@paybench/bench-scenario';
import { runVerdicts } from './fault-verdicts.js';
import { metastabilityVerdicts, triggerOf } from './metastability.js';
import { richTextToMarkdown } from './rich-text.js';

const RETRYING: LoadPoint = { kind: 'open', rate: 100, maxInFlight: 512, clientRetries: { max: 3, backoffMs: 0 } };
/** Healthy 0-10 s, a pulse x3 10-15 s, then the load back at its rate until 30 s. */
const PULSE: FaultEvent[] = [
  { at: 10_000, phase: 'pulse', load: { factor: 3 } },
  { at: 15_000, phase: 'after', load: { factor: 1 } },
];
const PHASES = [
  { name: 'healthy', fromMs: 0, toMs: 10_000 },
  { name: 'pulse', fromMs: 10_000, toMs: 15_000 },
  { name: 'after', fromMs: 15_000, toMs: 30_000 },
];

const healthy = { checkout: { ok: times(100, 5) } };
/** A storm second: 100 client requests due, 200 retries, 20 answered within the SLO, the rest slow or timed out. */
const storm = {
  checkout: { sent: 100, ok: [...times(20, 5), ...times(30, 900)], timedOut: times(50, 2000), retries: 200 },
};
const pulse = { checkout: { sent: 300, ok: times(150, 5), timedOut: times(150, 2000), retries: 300 } };

/** 30 seconds: 10 healthy, 5 of pulse, then `after` (15 seconds). */
function cell(topology: string, after: Record<string, unknown>[]): CellResult {
  const seconds = [...Array.from({ length: 10 }, () => healthy), ...Array.from({ length: 5 }, () => pulse), ...after];
  return cellResult({
    topology,
    load: RETRYING,
    phases: PHASES,
    loadResult: { kind: 'open', result: openLoopResult(seconds as Parameters<typeof openLoopResult>[0]) },
  });
}

const run = (cells: CellResult[], faults: FaultEvent[] = PULSE) =>
  runResult(cells, { scenario: { ...runResult([]).scenario, duration: 30_000, faults, load: [RETRYING] } });

describe('metastability verdict', () => {
  it('finds the trigger: from the first fault event to the last, which brings the load back', () => {
    expect(triggerOf(PULSE)).toEqual({ fromMs: 10_000, toMs: 15_000, peakFactor: 3 });
    // No pulse, or a timeline that ends with the load still raised: nothing to judge.
    expect(triggerOf([{ at: 5_000, phase: 'x', forwarder: { sink: { mode: 'stall' } } }])).toBeNull();
    expect(triggerOf([PULSE[0]])).toBeNull();
  });

  it('calls a cell recovered when goodput holds within 5% of its pre-trigger level, and says how long it took', () => {
    // Two seconds of storm, then healthy: back from second 17, 2 s after the trigger ended.
    const [verdict] = metastabilityVerdicts(run([cell('monolith', [storm, storm, ...Array(13).fill(healthy)])]));
    expect(verdict).toMatchObject({ outcome: 'recovered', recoveryMs: 2_000, preTriggerGoodput: 100 });
    // 2 storm seconds of 100 client requests and 200 retries each, 13 healthy seconds of 100 without: 1900 / 1500.
    expect(verdict.amplification.after).toBeCloseTo(1900 / 1500, 5);
    expect(verdict.amplification.during).toBe(2);
    expect(richTextToMarkdown(verdict.text)).toMatch(/\*\*recovered\*\*: .*100\/s before the trigger .*2\.0 s after/);
  });

  it('names the resilience preset of a cell that ran one, so naive and resilient verdicts are told apart', () => {
    const recovering = [storm, storm, ...Array(13).fill(healthy)];
    const naive = { ...cell('monolith', recovering), resilience: { preset: 'naive', processes: [] } };
    const [verdict] = metastabilityVerdicts(run([naive]));
    expect(verdict.logging).toBe(`${naive.logging.name}/naive`);
    expect(richTextToMarkdown(verdict.text)).toMatch(/^monolith #1 \(\w+\/naive\) at /);
    // Without a preset the label reads as before.
    expect(richTextToMarkdown(metastabilityVerdicts(run([cell('monolith', recovering)]))[0].text)).toMatch(
      /^monolith #1 at /,
    );
  });

  it('calls a cell metastable when goodput never comes back within the window, with the amplification seen', () => {
    const [verdict] = metastabilityVerdicts(run([cell('microservices', Array(15).fill(storm))]));
    expect(verdict).toMatchObject({ outcome: 'metastable', recoveryMs: null });
    // Each second: 100 client requests, 200 retries: 3 attempts per client request.
    expect(verdict.amplification.after).toBe(3);
    // Goodput per second in the storm: 20 (the slow 2xx answers and the timeouts are not within the SLO).
    expect(verdict.goodput.at(-1)).toEqual({ second: 29, perSecond: 20 });
    expect(richTextToMarkdown(verdict.text)).toMatch(/\*\*metastable\*\*: .*never held 95\.0\/s .*x3\.0 attempts/);
  });

  it('counts goodput 5% short of its level as back, 6% short as not', () => {
    const nearly = (ok: number) => ({ checkout: { sent: 100, ok: times(ok, 5), failed: times(100 - ok, 5) } });
    const [short] = metastabilityVerdicts(run([cell('monolith', Array(15).fill(nearly(94)))]));
    const [enough] = metastabilityVerdicts(run([cell('monolith', Array(15).fill(nearly(95)))]));
    expect([short.outcome, enough.outcome]).toEqual(['metastable', 'recovered']);
  });

  it('is one of the run verdicts, and absent from a run without a pulse', () => {
    const cells = [cell('monolith', Array(15).fill(healthy)), cell('microservices', Array(15).fill(storm))];
    const verdicts = runVerdicts(run(cells), [], []).filter((v) => v.kind === 'metastability');
    expect(verdicts.map((v) => richTextToMarkdown(v.text).match(/\*\*(\w+)\*\*/)?.[1])).toEqual([
      'recovered',
      'metastable',
    ]);
    expect(metastabilityVerdicts(run(cells, []))).toEqual([]);
  });
});
