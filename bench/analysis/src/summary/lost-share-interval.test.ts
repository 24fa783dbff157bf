import { describe, expect, it } from 'vitest';
import { cellResult, openLoopResult, processSamples, runResult, times } from '@paybench/bench-results/testing';
import { runVerdicts } from './fault-verdicts.js';
import { formatRatioInterval } from './format-interval.js';
import { lostSeconds, lostShareInterval, lostShareOfSeconds } from './lost-share-interval.js';
import { richTextToMarkdown } from './rich-text.js';
import { summarizeRun } from './summarize-run.js';

const PHASES = [
  { name: 'healthy', fromMs: 0, toMs: 5_000 },
  { name: 'fault', fromMs: 5_000, toMs: 25_000 },
];
const SLO = { sloP99Ms: 250, requestTimeoutMs: 2_000 };

/** 100 requests a second: 5 healthy seconds, then one second per entry of `lost`, that many answered after 1 s. */
function faultCell(topology: string, repeat: number, lost: readonly number[]) {
  const seconds = [
    ...times(5, 0).map(() => ({ checkout: { ok: times(100, 5) } })),
    ...lost.map((k) => ({ checkout: { ok: [...times(100 - k, 5), ...times(k, 1000)] } })),
  ];
  return cellResult({
    topology,
    repeat,
    phases: PHASES,
    samples: processSamples(topology, { fromSecond: 0, toSecond: 25, cpuPerSecond: 0.2, rssBytes: 2 ** 27 }),
    loadResult: { kind: 'open', result: openLoopResult(seconds) },
  });
}
/** A fault phase losing `share` of its requests, the same in every second. */
const even = (share: number) => times(20, share * 100);
/** A fault phase whose seconds alternate between losing nothing and losing `peak` of 100. */
const alternating = (peak: number) => Array.from({ length: 20 }, (_, s) => (s % 2 === 0 ? 0 : peak));

const faultVerdict = (cells: ReturnType<typeof faultCell>[]) => {
  const run = runResult(cells);
  const { summaries, comparisons } = summarizeRun(run);
  const verdict = runVerdicts(run, summaries, comparisons).find((v) => v.kind === 'fault');
  return richTextToMarkdown(verdict?.text ?? []);
};
const loss = (cells: ReturnType<typeof faultCell>[], perRepeat: number[]) => ({ perRepeat, cells });

describe("the 95% interval of the fault verdict's lost-share ratio", () => {
  it('takes the faulted seconds only, each with its due and good requests, and adds them up to the lost share', () => {
    const seconds = lostSeconds(faultCell('monolith', 1, alternating(60)), SLO) ?? [];
    expect(seconds).toHaveLength(20);
    expect(seconds.every((s) => s.phase === 'fault' && s.scheduled === 100)).toBe(true);
    expect(seconds.map((s) => s.good)).toEqual(alternating(60).map((k) => 100 - k));
    expect(lostShareOfSeconds(seconds)).toBeCloseTo(0.3, 10);
  });

  it('over repeats: shares 0.3, 0.4, 0.5 against 0.1 in every repeat give about x3-x5, beyond noise', () => {
    const worst = [0.3, 0.4, 0.5].map((s, i) => faultCell('monolith', i + 1, even(s)));
    const least = [1, 2, 3].map((r) => faultCell('microservices', r, even(0.1)));
    const interval = lostShareInterval(loss(worst, [0.3, 0.4, 0.5]), loss(least, [0.1, 0.1, 0.1]), SLO);
    expect(interval.basis).toEqual({ basis: 'repeats', repeats: [3, 3], confidence: 0.95 });
    expect(interval.bounds?.low).toBeGreaterThan(2.9);
    expect(interval.bounds?.high).toBeLessThan(5.1);
    expect(faultVerdict([...worst, ...least])).toContain(
      'Under the **broken** logging configuration at open-100, **monolith degraded more**: 40.0% of its requests from the first fault on failed or were slower than the SLO, against 10.0% for microservices (x4.0 [3.0-5.0] as many, 95% interval over 3 repeats). Worst phase: ',
    );
  });

  it('over repeats: overlapping spreads (0.1-0.5 against 0.1-0.4) are within noise, and the verdict says no more', () => {
    const worst = [0.1, 0.3, 0.5].map((s, i) => faultCell('monolith', i + 1, even(s)));
    const least = [0.1, 0.2, 0.4].map((s, i) => faultCell('microservices', i + 1, even(s)));
    const interval = lostShareInterval(loss(worst, [0.1, 0.3, 0.5]), loss(least, [0.1, 0.2, 0.4]), SLO);
    expect(interval.bounds?.low).toBeLessThan(1);
    expect(interval.bounds?.high).toBeGreaterThan(1);
    const text = faultVerdict([...worst, ...least]);
    expect(text).toContain(
      "**no topology degraded more beyond noise**: 30.0% of monolith's requests from the first fault on failed or were slower than the SLO, against 20.0% for microservices (x1.5 [",
    );
    expect(text).toContain('as many, 95% interval over 3 repeats: within noise).');
    expect(text).not.toContain('degraded more**');
  });

  it("per second with one repeat: the seconds' spread decides, resampled within the phase", () => {
    // Lost shares 0.3 against 0.1 or 0.2, one repeat of 20 fault seconds: seconds of 0 or 60 lost, against 0 or 20 or 40.
    const narrow = lostShareInterval(
      loss([faultCell('monolith', 1, alternating(60))], [0.3]),
      loss([faultCell('microservices', 1, alternating(20))], [0.1]),
      SLO,
    );
    expect(narrow.basis).toEqual({ basis: 'seconds', repeats: [1, 1], confidence: 0.95 });
    expect(narrow.bounds?.low).toBeGreaterThan(1);
    const wide = lostShareInterval(
      loss([faultCell('monolith', 1, alternating(60))], [0.3]),
      loss([faultCell('microservices', 1, alternating(40))], [0.2]),
      SLO,
    );
    expect(wide.bounds?.low).toBeLessThan(1);
    expect(wide.bounds?.high).toBeGreaterThan(1);
    expect(
      faultVerdict([faultCell('monolith', 1, alternating(60)), faultCell('microservices', 1, alternating(20))]),
    ).toMatch(
      /\*\*monolith degraded more\*\*: 30\.0% .* against 10\.0% for microservices \(x3\.0 \[[\d.]+-[\d.]+\] as many, 95% interval per-second, 1 repeat\)\./,
    );
  });

  it('a lesser topology that lost nothing in some resamples leaves the upper bound open, not the interval unknown', () => {
    const rare = [...times(19, 0), 20];
    const interval = lostShareInterval(
      loss([faultCell('monolith', 1, even(0.5))], [0.5]),
      loss([faultCell('microservices', 1, rare)], [0.01]),
      SLO,
    );
    expect(interval.bounds?.high).toBe(Infinity);
    expect(interval.bounds?.low).toBeGreaterThan(1);
    expect(formatRatioInterval(50, interval.bounds)).toMatch(/^x50 \[\d+-∞\]$/);
  });
});
