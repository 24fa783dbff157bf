import { describe, expect, it } from 'vitest';
import { runResult, stepsCell } from '@paybench/bench-results/testing';
import { renderMarkdownSummary } from '../text/render-markdown-summary.js';
import { renderTerminalSummary } from '../text/render-terminal-summary.js';
import { renderHtmlReport } from './render-html-report.js';

const STEPS = { kind: 'steps', start: 100, factor: 2, step: 1000, maxSteps: 12, maxInFlight: 512 } as const;

// The monolith keeps the SLO up to 400 req/s, the microservices up to 200 req/s.
const run = runResult(
  [
    stepsCell('monolith', [
      { rate: 100, latencyMs: 5 },
      { rate: 200, latencyMs: 8 },
      { rate: 400, latencyMs: 40 },
      { rate: 800, latencyMs: 600 },
      { rate: 1600, latencyMs: 1900 },
    ]),
    stepsCell('microservices', [
      { rate: 100, latencyMs: 20 },
      { rate: 200, latencyMs: 90 },
      { rate: 400, latencyMs: 700 },
      { rate: 800, latencyMs: 1900 },
    ]),
  ],
  {},
);
run.scenario = { ...run.scenario, load: [STEPS] };

describe('capacity in the outputs', () => {
  it('draws p50 and p99 against offered rate, with the SLO line and a knee per topology', () => {
    const report = renderHtmlReport(run);
    const charts = report.charts.filter((c) => c.id.startsWith('capacity-'));
    expect(charts).toHaveLength(1);
    const [chart] = charts;
    // 5 + 4 steps with a p99 each.
    expect(chart.points).toBe(9);
    expect(chart.caption).toContain('monolith 400 req/s, microservices 200 req/s');
    expect(chart.svg).toContain('SLO 250 ms');
    // The knees' labels (the capacity) are drawn on their markers.
    expect(chart.svg).toMatch(/>400<\/text>/);
    expect(chart.svg).toMatch(/>200<\/text>/);
    expect(report.html).toContain('<section id="capacity">');
    expect(report.html).toContain('data-chart="capacity-');
  });

  it('gives the capacity ratio in the verdicts, the capacity table and every step with its lag', () => {
    const md = renderMarkdownSummary(run);
    expect(md).toContain(
      'capacity at the SLO (p99 <= 250 ms, >= 99.9% answered): **monolith** 400 req/s, **microservices** 200 req/s (x0.50 of monolith).',
    );
    expect(md).toContain('### Capacity at the SLO');
    expect(md).toMatch(/\| monolith \| \*\*400\*\* \| 1\.000 \|/);
    expect(md).toMatch(/\| microservices \| \*\*200\*\* \| 0\.500 \|/);
    // One row per step; a step beyond the SLO is marked.
    expect(md).toMatch(/\| 800\/s >SLO \|/);
    const terminal = renderTerminalSummary(run);
    expect(terminal).toContain('Capacity at the SLO:');
    expect(terminal.split('\n').filter((l) => /\d\/s( >SLO)?\s+\d+\s/.test(l))).toHaveLength(9);
    // The per-cell ratios (p50, p99, CPU...) do not apply to a stepped block: its ratio is the capacity's.
    expect(terminal).not.toContain('microservices/monolith: p50');
    expect(md).not.toContain('microservices / monolith: p50');
  });
});
