import type { CellSummary, RunResult } from '@paybench/bench-results';
import {
  blastRadius,
  blastSentences,
  capacityTable,
  crossCheckTable,
  RECOVERY_GOOD_SECONDS,
  reconciliationFailed,
  runVerdicts,
  summarizeRun,
  type BlastSentence,
} from '@paybench/bench-analysis';
import { htmlTable } from '../tables/html-table.js';
import { availabilityHeatmap } from './availability-heatmap.js';
import { CAPACITY_INTRO, capacityCharts } from './capacity-chart.js';
import { blastRadiusHeatmap, blastRadiusTitle } from './blast-radius-heatmap.js';
import type { Chart } from './chart.js';
import { COMPARISON_INTRO, comparisonCharts } from './comparison-chart.js';
import { cpuBreakdownCharts, cpuBreakdownSection } from './cpu-breakdown-section.js';
import { DISTRIBUTION_INTRO, distributionCharts } from './distribution-chart.js';
import { failureTable } from './failure-table.js';
import { escapeHtml, richTextToHtml } from './html-text.js';
import { metadataSection } from './metadata-section.js';
import { REPORT_CSS } from './report-style.js';
import { timelineCharts, timelineIntro } from './timeline-chart.js';

export interface HtmlReport {
  /** The whole page: one file, every chart inlined as SVG, no script, no external resource. */
  html: string;
  /** The same charts, each to be written as charts/<id>.svg. */
  charts: Chart[];
}

/**
 * report.html, top to bottom: what ran and whether it is complete, the verdicts (the one-minute
 * read), then the evidence: timelines, latency distributions, topology comparisons, failure
 * propagation, and finally the run's metadata and how each figure was measured. Every cell is
 * shown; an invalid, failed or interrupted one is marked wherever it appears, never left out.
 */
export function renderHtmlReport(run: RunResult): HtmlReport {
  const { summaries, comparisons } = summarizeRun(run);
  const heatmapChart = availabilityHeatmap(run);
  const built = [
    timelineCharts(run),
    distributionCharts(run),
    comparisonCharts(run, comparisons),
    heatmapChart ? [heatmapChart] : [],
    cpuBreakdownCharts(run),
  ];
  // Drawn last: the SVG renderer numbers its style classes in drawing order, so the other charts stay as they were.
  const blastBlocks = blastRadius(run, summaries);
  built[3].push(...blastBlocks.flatMap((block) => blastRadiusHeatmap(block) ?? []));
  // A chart with nothing to plot (every cell of its block failed or did not run) is not drawn
  // as an empty frame: its section names it instead.
  // The breakdown's charts keep their places (one per profiled group, matched by index), drawn or not.
  const [timelines, distributions, bars, heatmaps, breakdowns] = withUniqueIds(
    built.map((charts, i) => (i === 4 ? charts : charts.filter((c) => c.points > 0))),
  );
  const [noTimeline, noDistribution, noBars] = built.map((charts) => notDrawn(charts.filter((c) => c.points === 0)));
  const heatmap = heatmaps.find((c) => c.title === heatmapChart?.title) ?? null;
  const blast = { sentences: blastSentences(run, blastBlocks), charts: heatmaps.filter((c) => c !== heatmap) };
  // Stepped blocks only: their ids (capacity-...) cannot collide with the other charts'.
  const capacity = capacityCharts(run, summaries);

  const verdicts = runVerdicts(run, summaries, comparisons);
  const body = [
    header(run, summaries),
    '<section id="verdicts" class="verdicts"><h2>Verdicts</h2>',
    verdicts.length > 0
      ? `<ul>${verdicts.map((v) => `<li>${richTextToHtml(v.text)}</li>`).join('')}</ul>`
      : '<p>No verdict: no (logging, load) block has both a fault timeline and a valid cell, nor two topologies to compare.</p>',
    '</section>',
    section(
      'timelines',
      'Timelines',
      (timelines.length > 0
        ? [intro(timelineIntro(run.scenario.slo.p99Ms)), ...timelines.map(figure)].join('\n')
        : '<p>No open-loop cell with per-second data.</p>') + noTimeline,
    ),
    section(
      'distributions',
      'Latency distributions',
      (distributions.length > 0
        ? `${intro(DISTRIBUTION_INTRO)}<div class="pair">${distributions.map(figure).join('\n')}</div>`
        : '<p>No cell recorded a latency histogram.</p>') + noDistribution,
    ),
    section(
      'comparison',
      'Topologies compared',
      (bars.length > 0 ? [intro(COMPARISON_INTRO), ...bars.map(figure)].join('\n') : '<p>Nothing to compare.</p>') +
        noBars,
    ),
    capacitySection(capacity, summaries, comparisons),
    section(
      'failure-propagation',
      'Failure propagation',
      failureSection(
        summaries,
        comparisons.map((c) => [c.logging, c.load] as const),
        heatmap,
        blast,
      ),
    ),
    cpuSection(run, breakdowns),
    ...crossCheckSection(summaries),
    metadataSection(run, summaries),
  ];
  const html = [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>paybench ${escapeHtml(run.scenario.name)}: ${escapeHtml(run.runId)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head>',
    '<body><main>',
    ...body,
    '</main></body>',
    '</html>',
    '',
  ].join('\n');
  return {
    html,
    charts: [
      ...timelines,
      ...distributions,
      ...bars,
      ...capacity,
      ...heatmaps,
      ...breakdowns.filter((c) => c.points > 0),
    ],
  };
}

/** Title, run, scenario, and the banner: complete and valid, or what is missing or not to be trusted. */
function header(run: RunResult, summaries: readonly CellSummary[]): string {
  const troubled = summaries.filter((s) => !s.valid);
  const lines = [
    `<h1>paybench · ${escapeHtml(run.scenario.name)}</h1>`,
    `<p class="lead">${escapeHtml(run.scenario.description)}</p>`,
    `<p>Run <code>${escapeHtml(run.runId)}</code> · scenario <code>${escapeHtml(run.scenario.name)}</code> · ${summaries.length} cell(s) · SLO p99 &lt;= ${escapeHtml(run.scenario.slo.p99Ms)} ms · Node ${escapeHtml(run.environment.node)}</p>`,
  ];
  // A payment lost or doubled is said above everything else, whatever the cells' status.
  const unreconciled = summaries.filter((s) => s.reconciliation && reconciliationFailed(s.reconciliation));
  if (unreconciled.length > 0)
    lines.push(
      `<div class="banner bad" data-banner="payments"><strong>PAYMENTS LOST OR DOUBLED</strong> in ${unreconciled
        .map((s) => `<code>${escapeHtml(s.key)}</code>${s.repeat > 1 ? ` #${s.repeat}` : ''}`)
        .join(', ')}: see the verdicts and the payments column.</div>`,
    );
  if (run.complete && troubled.length === 0) {
    lines.push(
      `<div class="banner ok" data-banner="complete"><strong>Complete</strong>: every cell ran and is valid.</div>`,
    );
    return lines.join('\n');
  }
  const title = run.complete
    ? `<strong>${troubled.length} cell(s) not valid</strong>: they are shown and marked; no conclusion is drawn from them.`
    : `<strong>INCOMPLETE run${run.interruption ? ` (${escapeHtml(run.interruption)})` : ''}</strong>: only the cells below ran; every figure is partial.`;
  const items = troubled.map(
    (s) =>
      `<li><code>${escapeHtml(s.key)}</code>${s.repeat > 1 ? ` #${s.repeat}` : ''}: <span class="bad">${escapeHtml(s.status.toUpperCase())}</span> ${escapeHtml(s.problems.join('; ') || 'no detail')}</li>`,
  );
  lines.push(
    `<div class="banner bad" data-banner="${run.complete ? 'invalid-cells' : 'incomplete'}">${title}${items.length > 0 ? `<ul>${items.join('')}</ul>` : ''}</div>`,
  );
  return lines.join('\n');
}

function failureSection(
  summaries: readonly CellSummary[],
  blocks: readonly (readonly [string, string])[],
  heatmap: Chart | null,
  blast: { sentences: readonly BlastSentence[]; charts: readonly Chart[] },
): string {
  const tables = blocks.flatMap(([logging, load]) => {
    const cells = summaries.filter((s) => s.logging === logging && s.load === load);
    if (!cells.some((c) => c.traffic?.kind === 'open')) return [];
    return [
      `<h3>${escapeHtml(logging)} logging, ${escapeHtml(load)}</h3>`,
      failureTable(cells),
      ...blastRadiusView(
        blast.sentences.filter((b) => b.logging === logging && b.load === load),
        blast.charts.find((c) => c.title === blastRadiusTitle(logging, load)),
      ),
    ];
  });
  const notes = summaries.filter((s) => s.notes.length > 0);
  const details =
    notes.length > 0
      ? `<details class="notes"><summary>Notes on ${notes.length} cell(s): what the summaries had to approximate</summary><ul>${notes.map((s) => `<li><code>${escapeHtml(s.key)}</code>${s.repeat > 1 ? ` #${s.repeat}` : ''}: ${escapeHtml(s.notes.join('; '))}</li>`).join('')}</ul></details>`
      : '';
  const legend = intro(
    "Per phase: share of requests answered (2xx or 422) · share answered within the SLO · p99; under each topology, the load generator's schedule-lag p99 over the whole window (inside every p99: a cell is invalid when it exceeds 10% of the p99, at least 2 ms, at most 10 ms). Tint: within-SLO share >= 99% green, >= 90% amber, below red. " +
      `Time to impact: from a fault event to the first bad second of its phase; time to recover: from the last event to the first of ${RECOVERY_GOOD_SECONDS} good seconds in a row.`,
  );
  if (tables.length === 0 && !heatmap)
    return '<p>No open-loop cell: failure propagation is measured under open-loop load only.</p>';
  return [legend, ...tables, details, heatmap ? figure(heatmap) : ''].join('\n');
}

/** A block's blast radius: a sentence per fault, then the heat map of class x phase per topology. */
function blastRadiusView(sentences: readonly BlastSentence[], chart: Chart | undefined): string[] {
  if (sentences.length === 0 && !chart) return [];
  return [
    `<div class="blast-radius" data-blast-radius><h4>Blast radius</h4>`,
    sentences.length > 0 ? `<ul>${sentences.map((b) => `<li>${richTextToHtml(b.text)}</li>`).join('')}</ul>` : '',
    chart ? figure(chart) : '',
    '</div>',
  ];
}

/** Where the CPU goes, per topology: only for a run made with CPU profiles (or clinic). */
function cpuSection(run: RunResult, charts: readonly Chart[]): string {
  const content = cpuBreakdownSection(run, charts, figure);
  return content ? section('cpu-breakdown', 'Where the CPU goes', content) : '';
}

/** `run --cross-check`: paybench's closed loop beside wrk's on the same deployment (absent otherwise). */
function crossCheckSection(summaries: readonly CellSummary[]): string[] {
  const table = crossCheckTable(summaries);
  if (!table) return [];
  return [
    section(
      'cross-check',
      'Saturation cross-checked with wrk',
      `${intro(`${table.notes.join('; ')}.`)}${htmlTable(table)}`,
    ),
  ];
}

function notDrawn(charts: readonly Chart[]): string {
  return charts.length > 0
    ? `\n<p class="intro"><span class="bad">Nothing measured</span> for: ${charts.map((c) => escapeHtml(c.title)).join('; ')}.</p>`
    : '';
}

function intro(text: string): string {
  return `<p class="intro">${escapeHtml(text)}</p>`;
}

function section(id: string, title: string, content: string): string {
  return `<section id="${id}"><h2>${escapeHtml(title)}</h2>\n${content}\n</section>`;
}

/**
 * A chart inlined: the wrapper carries its id and number of data points (a browser test checks
 * that every chart drew something). The namespace attributes are dropped: HTML does not need
 * them, and the page then holds no URL at all. The caption links the standalone SVG file.
 */
function figure(chart: Chart): string {
  const svg = chart.svg.replace(/\s+xmlns(:xlink)?="[^"]*"/g, '');
  return [
    `<figure class="chart" id="chart-${chart.id}" data-chart="${chart.id}" data-points="${chart.points}">`,
    `<figcaption><strong>${escapeHtml(chart.title)}</strong>${escapeHtml(chart.caption)} <a href="charts/${chart.id}.svg">SVG</a></figcaption>`,
    svg,
    '</figure>',
  ].join('\n');
}

/**
 * Chart ids are made from names sanitised to [a-z0-9-], so two names can collide (`a_b`, `a-b`):
 * the later chart gets a numeric suffix, in its id and in the SVG's internal ids.
 */
function withUniqueIds(groups: readonly (readonly Chart[])[]): Chart[][] {
  const seen = new Set<string>();
  return groups.map((charts) =>
    charts.map((chart) => {
      let id = chart.id;
      for (let n = 2; seen.has(id); n++) id = `${chart.id}-${n}`;
      seen.add(id);
      if (id === chart.id) return chart;
      return { ...chart, id, svg: chart.svg.replace(new RegExp(`\\b${chart.id}-(?=c\\d|cls-)`, 'g'), `${id}-`) };
    }),
  );
}

/** Capacity at the SLO: per stepped block its table and its p50/p99 curves; nothing for a run without steps. */
function capacitySection(
  charts: readonly Chart[],
  summaries: readonly CellSummary[],
  comparisons: readonly { logging: string; load: string; topologies: readonly { topology: string }[] }[],
): string {
  const tables = comparisons.flatMap((c) => {
    const cells = summaries.filter((s) => s.logging === c.logging && s.load === c.load);
    const table = capacityTable(
      cells,
      c.topologies.map((t) => t.topology),
    );
    if (!table) return [];
    const notes = table.notes.map((n) => `<p class="intro">${escapeHtml(n)}.</p>`).join('');
    return [`<h3>${escapeHtml(c.logging)} logging, ${escapeHtml(c.load)}</h3>`, htmlTable(table, 'capacity'), notes];
  });
  if (tables.length === 0 && charts.length === 0) return '';
  return section(
    'capacity',
    'Capacity at the SLO',
    [intro(CAPACITY_INTRO), ...tables, ...charts.map(figure)].join('\n'),
  );
}
