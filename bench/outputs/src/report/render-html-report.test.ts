import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { blastRun, cellResult, cpuProfile, incidentRun } from '@paybench/bench-results/testing';
import { chartId } from './chart.js';
import { renderHtmlReport } from './render-html-report.js';
import { writeHtmlReport } from './write-html-report.js';

/** Every `<figure class="chart">` wrapper: its id and the number of points it says it plotted. */
function figures(html: string): { id: string; points: number }[] {
  return [...html.matchAll(/<figure class="chart"[^>]*data-chart="([^"]+)" data-points="(\d+)">/g)].map((m) => ({
    id: m[1] as string,
    points: Number(m[2]),
  }));
}

describe('renderHtmlReport', () => {
  const run = incidentRun();
  const { html, charts } = renderHtmlReport(run);

  it('is one self-contained page: no script, no external resource, no URL at all', () => {
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/\ssrc\s*=/i);
    expect(html).not.toMatch(/@import|url\(\s*['"]?(?!#)/i);
    expect(html.match(/<style>/g)).toHaveLength(1);
  });

  it("says a payment lost or doubled above everything, and shows each cell's payments in the failure table", () => {
    const reconciliation = {
      acknowledged: 90,
      lost: 1,
      duplicated: 0,
      unknown: 4,
      resolvedByRetry: 4,
      requests: 100,
      orders: 93,
      retried: 4,
      examples: { lost: ['7'], duplicated: [], unresolved: [] },
    };
    const cells = run.cells.map((cell, i) => (i === 0 ? { ...cell, reconciliation } : cell));
    const failed = renderHtmlReport({ ...run, cells, summaries: [], comparisons: [] }).html;
    expect(failed).toMatch(/data-banner="payments"><strong>PAYMENTS LOST OR DOUBLED<\/strong> in <code>/);
    expect(failed).toContain('<td class="bad"><span class="bad">LOST 1 DUP 0: 90/1/0 4&gt;4</span></td>');
    expect(html).not.toContain('data-banner="payments"');
    expect(html).not.toContain('ack/lost/dup');
  });

  it('draws every expected chart once, each with data, inline and as its own file', () => {
    const expected = [
      'timeline-open-100',
      'distribution-broken-open-100',
      'distribution-fixed-open-100',
      'distribution-broken-closed-32',
      'comparison-broken-open-100',
      'comparison-fixed-open-100',
      'comparison-broken-closed-32',
      'availability-heatmap',
      'blast-radius-broken-open-100',
      'blast-radius-fixed-open-100',
    ];
    const shown = figures(html);
    expect(shown.map((f) => f.id).sort()).toEqual([...expected].sort());
    for (const figure of shown) expect(figure.points, figure.id).toBeGreaterThan(0);
    expect(charts.map((c) => c.id).sort()).toEqual([...expected].sort());
    for (const chart of charts) {
      expect(chart.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(chart.svg).toMatch(/^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      expect(chart.svg).toMatch(/<path d="M/);
    }
    // No timeline for the closed-loop point: it has no per-second data.
    expect(html).not.toMatch(/data-chart="timeline-closed/);
  });

  it('marks the phases and the SLO on the timeline', () => {
    const timeline = charts.find((c) => c.id === 'timeline-open-100')?.svg ?? '';
    for (const phase of ['healthy', 'stall', 'recovery']) expect(timeline).toContain(`>${phase}</text>`);
    expect(timeline).toContain('SLO 250 ms');
    // One panel per (logging, topology), titled so.
    for (const title of [
      'monolith · broken logging',
      'microservices · broken logging',
      'monolith · fixed logging',
      'microservices · fixed logging',
    ])
      expect(timeline).toContain(title);
  });

  it('puts the shared verdicts first: whether a topology degraded more beyond noise, and what the fixed configuration changed', () => {
    const verdicts = html.indexOf('id="verdicts"');
    expect(verdicts).toBeGreaterThan(0);
    expect(verdicts).toBeLessThan(html.indexOf('id="timelines"'));
    const section = html.slice(verdicts, html.indexOf('</section>', verdicts));
    // Microservices lost the stall's requests and two more slow seconds after it: 9 of 15 seconds, against 7 of 15,
    // too few seconds for x1.3 to be told from noise. The stall's p99 is its timeouts (2001: the histogram's
    // equivalent of the 2000 ms deadline), a floor.
    expect(section).toContain(
      'Under the <strong>broken</strong> logging configuration at open-100, <strong>no topology degraded more beyond noise</strong>: 60.0% of microservices&#39; requests from the first fault on failed or were slower than the SLO, against 46.7% for monolith (x1.3 [0.78-2.0] as many, 95% interval per-second, 1 repeat: within noise). Worst phase: monolith p99 rose at least x400 during <code>stall</code> (5.00 -&gt; &gt;= 2001 ms',
    );
    expect(section).toMatch(
      /The <strong>fixed<\/strong> logging configuration against <strong>broken<\/strong> at open-100: .* fell from 46\.7% to 0% on monolith .* fell from 60\.0% to 0% on microservices .*; 2,400 log lines were dropped \(0 under broken\), every one accounted for\./,
    );
    // The broken side's worst p99 is the timeout, a floor; the fixed side's is a measured latency.
    expect(section).toMatch(/fell from 46\.7% to 0% on monolith \(worst-phase p99 &gt;= 20\d\d -&gt; \d[\d.]* ms\)/);
    expect(section).toMatch(
      /At closed-32 with the <strong>broken<\/strong> logging configuration, microservices vs monolith \(no intervals: a single closed-loop repeat has no per-second data\): no difference beyond noise; no interval, not judged: .*throughput x0\.40/,
    );
  });

  it('labels each ratio of the comparison charts with its 95% interval, and says over what', () => {
    expect(html).toContain('Ratios against monolith; 95% intervals per-second, 1 repeat.');
    expect(html).toMatch(/>x[\d.]+ \[[\d.]+-[\d.]+\]<\/text>/);
    expect(html).toContain('understates the variance between runs');
  });

  it('shows a complete, valid run as such', () => {
    expect(html).toContain('data-banner="complete"');
    expect(html).not.toContain('INCOMPLETE');
  });

  it('escapes every text that comes from the result', () => {
    const hostile = incidentRun({
      scenario: { ...incidentRun().scenario, description: '<img src=x onerror=alert(1)> & "quotes"' },
    });
    hostile.cells[1] = {
      ...hostile.cells[1],
      topology: 'micro<services>',
      status: 'invalid',
      problems: ['lag <b>129 ms</b>'],
    };
    hostile.cells[1].key = 'micro<services>/broken/open-100';
    const page = renderHtmlReport(hostile).html;
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot;');
    expect(page).not.toContain('<img');
    expect(page).not.toContain('<services>');
    expect(page).toContain('micro&lt;services&gt;');
    expect(page).toContain('lag &lt;b&gt;129 ms&lt;/b&gt;');
  });

  it('marks an incomplete run and every cell that is not valid, and still draws what was measured', () => {
    const interrupted = incidentRun({ complete: false, interruption: 'SIGINT' });
    interrupted.cells = [
      ...interrupted.cells.slice(0, 1),
      { ...interrupted.cells[1], status: 'interrupted', problems: ['stopped by SIGINT during the measured window'] },
      cellResult({
        topology: 'monolith',
        logging: interrupted.cells[2].logging,
        status: 'failed',
        problems: ['could not create any order before the run'],
      }),
    ];
    const page = renderHtmlReport(interrupted).html;
    expect(page).toContain('data-banner="incomplete"');
    expect(page).toMatch(/INCOMPLETE run \(SIGINT\)/);
    expect(page).toMatch(
      /microservices\/broken\/open-100<\/code>: <span class="bad">INTERRUPTED<\/span> stopped by SIGINT/,
    );
    expect(page).toMatch(
      /monolith\/fixed\/open-100<\/code>: <span class="bad">FAILED<\/span> could not create any order/,
    );
    const timeline = renderHtmlReport(interrupted).charts.find((c) => c.id === 'timeline-open-100')?.svg ?? '';
    expect(timeline).toContain('INTERRUPTED');
    expect(timeline).toContain('FAILED');
    expect(timeline).toContain('this cell did not run');
    for (const figure of figures(page)) expect(figure.points, figure.id).toBeGreaterThan(0);
  });

  it('names a run whose cells are all valid but one, without calling it incomplete', () => {
    const partly = incidentRun();
    partly.cells[1] = {
      ...partly.cells[1],
      status: 'invalid',
      problems: ['the load generator could not keep its schedule'],
    };
    const page = renderHtmlReport(partly).html;
    expect(page).toContain('data-banner="invalid-cells"');
    expect(page).toMatch(/1 cell\(s\) not valid/);
    expect(page).toMatch(/microservices: no valid cell, not judged/);
  });
});

describe('the blast radius in the report', () => {
  const { html, charts } = renderHtmlReport(blastRun());

  it('draws a heat map of class x phase per topology, labelled with availability and time down', () => {
    const chart = charts.find((c) => c.id === 'blast-radius-broken-open-100');
    // 3 topologies x 3 classes x 3 phases.
    expect(chart?.points).toBe(27);
    const svg = chart?.svg ?? '';
    for (const row of [
      'monolith · pay_now checkouts',
      'microservices · pay_later checkouts',
      'extract-risk · order-status reads',
    ])
      expect(svg).toContain(row);
    for (const phase of ['healthy', 'fault', 'lifted']) expect(svg).toContain(`>${phase}<`);
    // Everything down 7 s in the monolith (3 classes), pay_later 2 s in microservices.
    expect(svg.match(/0\.0% · ↓7\.0 s/g)).toHaveLength(3);
    expect(svg.match(/60\.0% · ↓2\.0 s/g)).toHaveLength(1);
    expect(figures(html).map((f) => f.id)).toContain('blast-radius-broken-open-100');
  });

  it('says per fault which classes went down where, next to the heat map', () => {
    const view = /<div class="blast-radius" data-blast-radius>([\s\S]*?)<\/div>/.exec(html)?.[1] ?? '';
    expect(view).toContain('took down every class for 7.0 s in monolith');
    expect(view).toContain('degraded pay_later checkouts for 2.0 s in microservices');
    expect(view).toContain('data-chart="blast-radius-broken-open-100"');
  });
});

describe('the CPU breakdown in the report', () => {
  it('is left out of a run made without CPU profiles', () => {
    expect(renderHtmlReport(incidentRun()).html).not.toContain('id="cpu-breakdown"');
  });

  it('shows each topology side by side: a stacked bar each, the table, and the remote-call cost', () => {
    const run = incidentRun();
    // The broken open-loop cells of the fixture: monolith (cells[0]) and microservices (cells[1]).
    run.cells[0] = {
      ...run.cells[0],
      cpuProfiles: [
        cpuProfile('monolith', {
          business: 400_000,
          httpServer: 200_000,
          json: 50_000,
          logging: 300_000,
          database: 100_000,
          other: 150_000,
        }),
      ],
    };
    run.cells[1] = {
      ...run.cells[1],
      processes: [{ name: 'checkout', modules: [] }],
      cpuProfiles: [
        cpuProfile('checkout', {
          business: 100_000,
          httpServer: 500_000,
          httpClient: 900_000,
          json: 100_000,
          logging: 300_000,
          other: 300_000,
        }),
      ],
    };
    const { html, charts } = renderHtmlReport(run);
    const start = html.indexOf('id="cpu-breakdown"');
    expect(start).toBeGreaterThan(html.indexOf('id="failure-propagation"'));
    const section = html.slice(start, html.indexOf('</section>', start));
    const chart = charts.find((c) => c.id === 'cpu-breakdown-broken-open-100');
    // One bar segment per (category with time, topology), and the other threads (process CPU - busy).
    expect(chart?.points).toBe(6 + 6 + 2);
    expect(section).toContain('data-chart="cpu-breakdown-broken-open-100"');
    for (const label of [
      'business logic',
      'HTTP server',
      'HTTP client',
      'JSON',
      'logging',
      'database',
      'other threads',
    ])
      expect(chart?.svg).toContain(label);
    // Both topologies are columns of the table, and the remote-call cost is said in figures.
    expect(section).toMatch(
      /<th scope="colgroup" colspan="3">monolith<br>.*<th scope="colgroup" colspan="3">microservices<br>/,
    );
    expect(section).toMatch(
      /data-rpc-tax><strong>Remote calls<\/strong>: HTTP server \+ HTTP client \+ JSON.*monolith .* ms\/req; microservices .* ms\/req \(x\d/,
    );
    expect(section).toContain('Hottest functions, microservices');
  });
});

describe('writeHtmlReport', () => {
  it('writes report.html and one SVG file per chart, and returns their paths', () => {
    const dir = mkdtempSync(join(tmpdir(), 'paybench-report-'));
    const { files: written, charts } = writeHtmlReport(incidentRun(), dir);
    expect(charts.map((c) => c.id)).toEqual(written.slice(1).map((f) => basename(f, '.svg')));
    expect(written[0]).toBe(join(dir, 'report.html'));
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    const svgs = written.slice(1);
    expect(svgs.map((f) => basename(f, '.svg')).sort()).toEqual(
      figures(html)
        .map((f) => f.id)
        .sort(),
    );
    for (const file of svgs) {
      expect(existsSync(file)).toBe(true);
      expect(file.startsWith(join(dir, 'charts'))).toBe(true);
      expect(html).toContain(`href="charts/${basename(file)}"`);
    }
  });
});

describe('chartId', () => {
  it('keeps file names to [a-z0-9-]', () => {
    expect(chartId('distribution', 'Broken_Logging', 'open-100')).toBe('distribution-broken-logging-open-100');
    expect(chartId('timeline', '../../etc/passwd')).toBe('timeline-etc-passwd');
  });
});
