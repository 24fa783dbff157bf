import { blastRun, openLoopResult, times } from '@paybench/bench-results/testing';
import { describe, expect, it } from 'vitest';
import { richTextToMarkdown } from '../summary/rich-text.js';
import type { RunResult } from '@paybench/bench-results';
import { summarizeCell } from '../summary/summarize-cell.js';
import { blastRadius, type BlockBlast } from './blast-radius.js';
import { blastSentences } from './blast-sentences.js';
import { classSeconds } from './class-seconds.js';

const slo = { sloP99Ms: 250, requestTimeoutMs: 1_000 };
/** The cells' summaries (which repeats count), without the run's costly ratio intervals. */
const summaries = (run: RunResult) =>
  run.cells.map((cell) => summarizeCell(cell, run.scenario.slo.p99Ms, { requestTimeoutMs: run.scenario.timeout }));

function blast(): BlockBlast {
  const run = blastRun();
  const [block] = blastRadius(run, summaries(run));
  return block;
}

const figure = (block: BlockBlast, topology: string, className: string, phase: string) =>
  block.topologies
    .find((t) => t.topology === topology)
    ?.figures.find((f) => f.className === className && f.phase === phase);

describe('a class second by second', () => {
  it('is hit below 99% served within the SLO, and a stall (sent, nothing ended) is served 0%', () => {
    const result = openLoopResult([
      { a: { ok: times(100, 5) } },
      { a: { ok: [...times(98, 5), 300, 400] } },
      { a: { sent: 100 } },
      { a: { sent: 100, ok: times(99, 5), failed: [5] } },
    ]);
    const seconds = classSeconds(result.perSecond, 'a', slo);
    expect(seconds.map((s) => s.servedShare)).toEqual([1, 0.98, 0, 0.99]);
    expect(seconds.map((s) => s.hit)).toEqual([false, true, true, false]);
  });

  it('does not count a request due in one second and answered in the next as a loss in either', () => {
    const result = openLoopResult([{ a: { sent: 10, ok: times(9, 5) } }, { a: { sent: 10, ok: times(11, 5) } }]);
    expect(classSeconds(result.perSecond, 'a', slo).map((s) => s.hit)).toEqual([false, false]);
  });
});

describe('blast radius per class and phase', () => {
  it('finds impact, down time and recovery from the lift for the one class a fault reached', () => {
    const block = blast();
    expect(block.classes).toEqual(['pay_now', 'pay_later', 'orderStatus']);
    expect(block.phases).toEqual(['healthy', 'fault', 'lifted']);
    expect(figure(block, 'microservices', 'pay_later', 'fault')).toMatchObject({
      impactMs: 1_000,
      downMs: 2_000,
      recoveryMs: 0,
      hitSeconds: 2,
      outcome: 'recovered',
      availability: 0.6,
    });
    for (const className of ['pay_now', 'orderStatus'])
      expect(figure(block, 'microservices', className, 'fault')).toMatchObject({
        impactMs: null,
        outcome: 'not hit',
        availability: 1,
      });
  });

  it('carries an outage into the phase after the lift without calling it that phase impact', () => {
    const block = blast();
    for (const className of block.classes) {
      expect(figure(block, 'monolith', className, 'fault')).toMatchObject({
        impactMs: 0,
        downMs: 7_000,
        recoveryMs: 2_000,
        availability: 0,
        outcome: 'recovered',
      });
      expect(figure(block, 'monolith', className, 'lifted')).toMatchObject({ impactMs: null, outcome: 'carried' });
    }
    expect(block.topologies.find((t) => t.topology === 'extract-risk')?.inProcessLinks).toEqual({
      fault: ['checkout->risk'],
      lifted: ['checkout->risk'],
    });
  });

  it('never calls a class recovered while its last second is still hit', () => {
    const run = blastRun();
    const cell = run.cells[0];
    if (cell.loadResult?.kind !== 'open') throw new Error('fixture');
    cell.loadResult.result = openLoopResult([
      ...times(5, 0).map(() => ({ pay_now: { ok: times(10, 5) } })),
      ...times(15, 0).map(() => ({ pay_now: { sent: 10 } })),
    ]);
    const [block] = blastRadius(run, summaries(run));
    expect(figure(block, 'monolith', 'pay_now', 'fault')).toMatchObject({ outcome: 'never', downMs: null });
  });
});

describe('blast radius under resilience presets', () => {
  it('gives each preset its own block, as every table does (the logging axis holds `fixed/naive`)', () => {
    const run = blastRun();
    run.scenario.resilience = ['naive', 'resilient'];
    const presets = [
      ...run.cells.map((c) => ({ ...c, resilience: { preset: 'naive', processes: [] } })),
      ...run.cells.map((c) => ({ ...c, resilience: { preset: 'resilient', processes: [] } })),
    ];
    run.cells = presets;
    const blocks = blastRadius(run, summaries(run));
    expect(blocks.map((b) => b.logging)).toEqual(
      run.cells.slice(0, 1).flatMap((c) => [`${c.logging.name}/naive`, `${c.logging.name}/resilient`]),
    );
    expect(blocks[1].topologies.map((t) => t.topology)).toEqual(blast().topologies.map((t) => t.topology));
  });
});

describe('a blip just before a fault', () => {
  it('does not hide the fault: only an outage of 3 hit seconds or more is carried into the next phase', () => {
    const run = blastRun();
    const cell = run.cells[0];
    if (cell.loadResult?.kind !== 'open') throw new Error('fixture');
    const ok = { pay_now: { ok: times(10, 5) } };
    const down = { pay_now: { sent: 10 } };
    cell.loadResult.result = openLoopResult([
      ...times(4, 0).map(() => ok),
      down,
      ...times(4, 0).map(() => down),
      ...times(11, 0).map(() => ok),
    ]);
    const [block] = blastRadius(run, summaries(run));
    expect(figure(block, 'monolith', 'pay_now', 'fault')).toMatchObject({
      impactMs: 0,
      downMs: 4_000,
      outcome: 'recovered',
    });
  });
});

describe('blast-radius sentences', () => {
  it('says first when a class was already hit before any fault', () => {
    const run = blastRun();
    const cell = run.cells[1];
    if (cell.loadResult?.kind !== 'open') throw new Error('fixture');
    cell.loadResult.result = openLoopResult([
      { pay_now: { ok: times(10, 5) } },
      { pay_now: { ok: [...times(9, 5), 900] } },
      ...times(18, 0).map(() => ({ pay_now: { ok: times(10, 5) } })),
    ]);
    const [first] = blastSentences(run, blastRadius(run, summaries(run)));
    expect(richTextToMarkdown(first.text)).toBe(
      'Before any fault (phase `healthy`), some seconds were already under 99% within the SLO for pay_now checkouts ' +
        "in microservices (pay_now checkouts 98.0% within the SLO over the phase): the faults' figures below start from there.",
    );
  });

  it('says per fault which classes went down, for how long, where, and where nothing was hit', () => {
    const run = blastRun();
    const sentences = blastSentences(run, blastRadius(run, summaries(run))).map((s) => richTextToMarkdown(s.text));
    expect(sentences).toEqual([
      'A black hole on checkout->risk (phase `fault`, at 5.0 s) took down every class for 7.0 s in monolith; ' +
        'degraded pay_later checkouts for 2.0 s in microservices; ' +
        'hit no class (checkout->risk is in-process there: no wire to fault) in extract-risk.',
      'Lifting the fault on checkout->risk (phase `lifted`, at 10.0 s) hit no class anew in any topology ' +
        '(monolith, microservices, extract-risk), though every class in monolith had not recovered from the phase before; ' +
        'in extract-risk the faulted link has no wire (in-process).',
    ]);
  });
});
