import { describe, expect, it } from 'vitest';
import { renderMarkdownSummary } from './render-markdown-summary.js';
import {
  blastRun,
  cellResult,
  incidentCell,
  openLoopResult,
  runResult,
  steadyCell,
  times,
} from '@paybench/bench-results/testing';

const MiB = 2 ** 20;
const withLogging = (name: string) => ({
  name,
  logger: { mode: 'sync' as const, maxBufferBytes: MiB },
  driver: { mode: 'blocking' as const, maxBufferBytes: MiB },
  forwarder: { whenFull: 'block' as const, maxEvents: 500 },
});

describe('renderMarkdownSummary', () => {
  it('says how far each topology degraded in its worst fault phase', () => {
    const run = runResult([
      incidentCell({ topology: 'monolith', logging: withLogging('broken') }),
      incidentCell({ topology: 'microservices', logging: withLogging('broken'), slowBy: 2 }),
    ]);
    const text = renderMarkdownSummary(run);
    // Both lose the same requests (the stall's timeouts and the slow seconds after it): no winner is named.
    expect(text).toMatch(
      /## Verdicts[\s\S]*Under the \*\*broken\*\* logging configuration at open-100, \*\*every topology degraded alike\*\*: [\d.]+% of the requests from the first fault on failed or were slower than the SLO\. Worst phase: monolith p99 rose at least x\d+ during `\w+` \(5\.\d+ -> >= \d+ ms, availability [\d.]+%\); microservices p99 rose at least/,
    );
    // The stall's p99 is its timed-out requests, recorded at the 2 s timeout: a floor, and said so.
    expect(text).toMatch(
      /A p99 at the 2000 ms request timeout is a floor: those requests were abandoned unanswered at the deadline\./,
    );
    // With a longer timeout the same p99 is a measured latency: no floor is claimed.
    const patient = { ...run, scenario: { ...run.scenario, timeout: 10_000 } };
    const measured = renderMarkdownSummary(patient);
    expect(measured).toMatch(/monolith p99 rose x\d+ during `\w+` \(5\.\d+ -> \d+ ms/);
    expect(measured).not.toMatch(/at least|request timeout is a floor/);
    expect(text).toMatch(/\| monolith \| 1 \| healthy \| 100 \|/);
    expect(text).toMatch(/microservices \/ monolith: p50 x/);
  });

  it('never says a p99 "rose" when every fault phase was faster than the first', () => {
    // Slow in the first phase (20 ms), fast afterwards (5 ms), while the other topology stalls.
    const calm = [
      ...times(10, 0).map(() => ({ checkout: { ok: times(80, 20) }, orderStatus: { ok: times(20, 20) } })),
      ...times(15, 0).map(() => ({ checkout: { ok: times(80, 5) }, orderStatus: { ok: times(20, 5) } })),
    ];
    const settled = {
      ...incidentCell({ topology: 'microservices', logging: withLogging('broken') }),
      loadResult: { kind: 'open' as const, result: openLoopResult(calm) },
    };
    const text = renderMarkdownSummary(
      runResult([incidentCell({ topology: 'monolith', logging: withLogging('broken') }), settled]),
    );
    expect(text).toMatch(
      /microservices p99 never rose above the first phase's: at most x0\.\d+, during `\w+` \(20\.\d -> 5\.\d+ ms/,
    );
    expect(text).not.toMatch(/microservices p99 rose/);
  });

  it('says the SLO held, and how many lines were dropped, when every phase stayed within it', () => {
    const fixed = (topology: string) => {
      const cell = incidentCell({ topology, logging: withLogging('fixed') });
      const healthy = steadyCell({ topology, latencyMs: 5, cpuPerSecond: 0.1, rssBytes: 100 * MiB, seconds: 25 });
      return {
        ...cell,
        loadResult: healthy.loadResult,
        logAccounting: {
          at: '',
          holds: true,
          settled: true,
          forwarderError: null,
          processes: [
            {
              process: topology,
              emitted: 1000,
              delivered: 900,
              droppedByLogger: 0,
              droppedByDriver: 0,
              droppedByForwarder: 100,
              lostOnConnection: 0,
              inFlight: { inProcess: 0, inDriver: 0, onConnection: 0, inForwarder: 0, total: 0 },
              forwarderSeqGaps: 0,
              holds: true,
              problems: [],
            },
          ],
        },
      };
    };
    const text = renderMarkdownSummary(runResult([fixed('monolith'), fixed('microservices')]));
    expect(text).toMatch(
      /Under the \*\*fixed\*\* logging configuration at open-100, every topology stayed within the SLO \(p99 <= 250 ms\) in every phase; 200 log lines were dropped and counted\./,
    );
  });

  it('lists every cell that is not valid, with its problems, and draws no conclusion from them', () => {
    const run = runResult([
      cellResult({ topology: 'monolith', status: 'failed', problems: ['could not create any order before the run'] }),
      steadyCell({
        topology: 'microservices',
        latencyMs: 30,
        cpuPerSecond: 0.3,
        rssBytes: 400 * MiB,
        status: 'invalid',
        problems: ['lag'],
      }),
    ]);
    const text = renderMarkdownSummary(run);
    expect(text).toMatch(
      /## Cells that are not valid[\s\S]*`monolith\/.*`.*\*\*failed\*\*: could not create any order before the run/,
    );
    expect(text).toMatch(/\*\*INVALID\*\*/);
  });

  it('links report.html and every chart written next to it, after the verdicts', () => {
    const run = runResult([incidentCell({ topology: 'monolith', logging: withLogging('broken') })]);
    const text = renderMarkdownSummary(run, [
      { id: 'timeline-open-100', title: 'Timeline at open-100' },
      { id: 'comparison-broken-open-100', title: 'Topologies compared: broken logging, open-100' },
    ]);
    expect(text).toMatch(
      /## Verdicts[\s\S]*## Charts\n\nThe whole report, one page that opens offline: \[report\.html\]\(report\.html\)/,
    );
    expect(text).toContain(
      '- [Timeline at open-100](charts/timeline-open-100.svg)\n- [Topologies compared: broken logging, open-100](charts/comparison-broken-open-100.svg)',
    );
    expect(renderMarkdownSummary(run)).not.toContain('## Charts');
  });

  it('prints each ratio with its 95% interval over the repeats', () => {
    const cell = (topology: string, repeat: number, latencyMs: number) =>
      steadyCell({ topology, repeat, latencyMs, cpuPerSecond: 0.1, rssBytes: 100 * MiB });
    const text = renderMarkdownSummary(
      runResult(
        [1, 2, 3].flatMap((repeat) => [cell('monolith', repeat, 10), cell('microservices', repeat, 20 + repeat * 5)]),
      ),
    );
    expect(text).toMatch(
      /microservices \/ monolith: p50 x3\.0 \[2\.\d-3\.\d\], p99 x[\d.]+ \[[\d.]+-[\d.]+\], throughput x1\.0 \[1\.0-1\.0\], .* \(medians over valid repeats; 95% intervals over 3 repeats\)\./,
    );
    expect(text).toMatch(
      /microservices vs monolith \(95% intervals over 3 repeats\): differ beyond noise in p50 x3\.0/,
    );
  });

  it('gives a blast-radius sentence per fault, after the verdicts', () => {
    const text = renderMarkdownSummary(blastRun());
    const section = text.slice(text.indexOf('## Blast radius'), text.indexOf('## Logging'));
    expect(text.indexOf('## Verdicts')).toBeLessThan(text.indexOf('## Blast radius'));
    expect(section.match(/^- /gm)).toHaveLength(2);
    expect(section).toContain(
      '- A black hole on checkout->risk (phase `fault`, at 5.0 s) took down every class for 7.0 s in monolith; ' +
        'degraded pay_later checkouts for 2.0 s in microservices;',
    );
    expect(section).toContain('- Lifting the fault on checkout->risk (phase `lifted`, at 10.0 s) hit no class anew');
  });
});

describe('retries and refusals', () => {
  it('lists per cell what the policies and the retrying client did, only for cells where something did', () => {
    const counts = (retries: number) => ({
      process: 'risk',
      reachable: true,
      retries,
      breakerOpens: 1,
      breakerRejections: 4,
      bulkheadRejections: 0,
      fallbacks: 2,
    });
    const quiet = steadyCell({ topology: 'monolith', latencyMs: 10, cpuPerSecond: 0.1, rssBytes: MiB });
    const busy = steadyCell({
      topology: 'microservices',
      latencyMs: 10,
      cpuPerSecond: 0.1,
      rssBytes: MiB,
      resilience: { preset: 'resilient', processes: [counts(3)] },
    });
    const load = busy.loadResult;
    if (load?.kind !== 'open') throw new Error('expected an open-loop cell');
    Object.assign(load.result.classes['checkout'] ?? {}, { retries: 12, retriesOverBudget: 5 });
    const text = renderMarkdownSummary(runResult([quiet, busy]));
    expect(text).toContain(
      '- `microservices` #1 `resilient`: policies: 3 retries, 1 breaker open, 4 calls refused by an open breaker, ' +
        '2 fallbacks taken; client: 12 retries, 5 refused by its budget',
    );
    expect(text).not.toContain('- `monolith` #1');
    expect(renderMarkdownSummary(runResult([quiet]))).not.toContain('Retries and refusals');
  });
});
