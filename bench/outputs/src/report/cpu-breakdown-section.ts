import type { BarSeriesOption, EChartsOption } from 'echarts';
import { CPU_CATEGORIES, CPU_CATEGORY_LABELS, type CpuCategory } from '@paybench/bench-profile';
import type { RunResult } from '@paybench/bench-results';
import { cpuBreakdownHow } from '../text/cpu-breakdown.js';
import {
  columnTitle,
  cpuBreakdownGroups,
  cpuBreakdownTable,
  cpuPerProcessTable,
  otherThreads,
  type BreakdownColumn,
  type BreakdownGroup,
} from '@paybench/bench-analysis';
import { htmlTable } from '../tables/html-table.js';
import { chartId, type Chart } from './chart.js';
import { COLORS } from './chart-style.js';
import { escapeHtml } from './html-text.js';
import { renderSvgChart } from './render-svg-chart.js';

const WIDTH = 1160;
const ROW_HEIGHT = 56;
const LEFT = 230;

/**
 * One colour per category. The three that together make the remote-call cost (HTTP server, HTTP
 * client, JSON) are warm, so the "RPC tax" reads as one orange-red block; the rest are cool or grey.
 */
const CATEGORY_COLORS: Record<CpuCategory | 'otherThreads', string> = {
  business: '#2b8a3e',
  httpServer: '#f08c00',
  httpClient: '#d9480f',
  json: '#a61e4d',
  logging: '#7048e8',
  database: '#1c64b8',
  other: '#868e96',
  otherThreads: '#ced4da',
};

/** The section's first paragraph. */
export const cpuBreakdownIntro = (run: RunResult): string =>
  `Where each topology's CPU goes, per 2xx answer, side by side. Measured as ${cpuBreakdownHow(run)}`;

/** The breakdown's charts, one per profiled (logging, load, repeat), in cpuBreakdownGroups' order. */
export function cpuBreakdownCharts(run: RunResult): Chart[] {
  const groups = cpuBreakdownGroups(run);
  return groups.map((group) => breakdownChart(group, run.scenario.repeat > 1));
}

/**
 * The report's CPU breakdown: per (logging, load, repeat) that was profiled, a stacked bar per
 * topology (CPU ms per 2xx answer by category, the other threads last), the table behind it, the
 * remote-call cost as a sentence, and per-process figures and the hottest functions folded away.
 * `charts` are cpuBreakdownCharts' (after the page made their ids unique), `figure` inlines one.
 * '' for a run without CPU profiles or clinic runs.
 */
export function cpuBreakdownSection(
  run: RunResult,
  charts: readonly Chart[],
  figure: (chart: Chart) => string,
): string {
  const groups = cpuBreakdownGroups(run);
  const blocks = groups.map((group, i) => {
    const table = cpuBreakdownTable(group);
    const [remote] = table.notes;
    const chart = charts[i];
    return [
      `<h3>${escapeHtml(group.logging)} logging, ${escapeHtml(group.load)}${run.scenario.repeat > 1 ? `, repeat ${group.repeat}` : ''}</h3>`,
      remote ? `<p class="intro" data-rpc-tax><strong>Remote calls</strong>: ${escapeHtml(remote)}.</p>` : '',
      chart && chart.points > 0 ? figure(chart) : '',
      htmlTable(table, 'cpu-breakdown'),
      perProcessDetails(group),
      hottestDetails(group),
      profileErrors(group),
    ].join('\n');
  });
  const clinic = run.cells.flatMap((cell) =>
    (cell.clinic ?? []).map(
      (c) =>
        `<li><code>${escapeHtml(cell.key)}</code>, process <code>${escapeHtml(c.process)}</code>, ${escapeHtml(c.tool)}: ${c.status === 'ok' ? `report <code>${escapeHtml(c.html ?? '')}</code>` : `<span class="bad">${escapeHtml(c.status.toUpperCase())}</span> ${escapeHtml(c.message)}`}</li>`,
    ),
  );
  if (blocks.length === 0 && clinic.length === 0) return '';
  return [
    blocks.length > 0
      ? `<p class="intro">${escapeHtml(cpuBreakdownIntro(run))} Raw profiles (.cpuprofile, for Chrome DevTools or speedscope) are under profiles/.</p>`
      : '',
    ...blocks,
    clinic.length > 0 ? `<h3>clinic.js</h3><ul>${clinic.join('')}</ul>` : '',
  ].join('\n');
}

const perRequest = (us: number, c: BreakdownColumn) => (c.successes ? us / 1000 / c.successes : null);

/** Horizontal stacked bars: one per topology, one segment per category, ms per 2xx answer. */
function breakdownChart(group: BreakdownGroup, withRepeat: boolean): Chart {
  const id = chartId('cpu-breakdown', group.logging, group.load, ...(withRepeat ? [`r${group.repeat}`] : []));
  const columns = group.columns;
  const labels = columns.map((c) => `${c.topology}\n(${columnTitle(c)})`);
  const segments: { key: CpuCategory | 'otherThreads'; name: string; value: (c: BreakdownColumn) => number | null }[] =
    [
      ...CPU_CATEGORIES.map((category) => ({
        key: category,
        name: CPU_CATEGORY_LABELS[category],
        value: (c: BreakdownColumn) => perRequest(c.categories[category], c),
      })),
      {
        key: 'otherThreads',
        name: 'other threads',
        value: (c: BreakdownColumn) => (c.processCpuUs === null ? null : perRequest(otherThreads(c), c)),
      },
    ];
  let points = 0;
  const series = segments.map((segment, s): BarSeriesOption => ({
    type: 'bar',
    name: segment.name,
    stack: 'cpu',
    barMaxWidth: 30,
    itemStyle: { color: CATEGORY_COLORS[segment.key] },
    data: columns.map((column) => {
      const value = segment.value(column);
      if (value !== null && value > 0) points++;
      const total = column.processCpuUs ?? column.busyUs;
      const last = s === segments.length - 1;
      return {
        value: value ?? 0,
        // The whole process CPU per answer at the end of each bar.
        label: last
          ? {
              show: true,
              position: 'right',
              fontSize: 11,
              color: COLORS.text,
              formatter: column.successes ? `${(total / 1000 / column.successes).toFixed(2)} ms/req` : 'no 2xx answer',
            }
          : { show: false },
      };
    }),
  }));
  const option: EChartsOption = {
    legend: {
      top: 0,
      left: LEFT,
      itemWidth: 14,
      itemHeight: 10,
      itemGap: 22,
      textStyle: { fontSize: 11, color: COLORS.text },
    },
    grid: { left: LEFT, right: 110, top: 36, bottom: 36 },
    xAxis: {
      type: 'value',
      name: 'CPU ms per 2xx answer',
      nameLocation: 'middle',
      nameGap: 24,
      nameTextStyle: { fontSize: 11, color: COLORS.muted },
      axisLabel: { fontSize: 11 },
    },
    yAxis: { type: 'category', data: labels, inverse: true, axisLabel: { fontSize: 11, color: COLORS.text } },
    series,
  };
  return {
    id,
    title: `CPU per request by category: ${group.logging} logging, ${group.load}`,
    caption:
      'Each bar is one topology (all its profiled processes added up); segments are main-thread self time by category, then the other threads; the figure at the end is the process CPU per 2xx answer.',
    svg: renderSvgChart(option, { width: WIDTH, height: 36 + 36 + 40 + ROW_HEIGHT * columns.length }, id),
    points,
  };
}

/** Per process, folded away: the same table as the terminal's and summary.md's. */
function perProcessDetails(group: BreakdownGroup): string {
  const table = cpuPerProcessTable(group);
  if (!table) return '';
  return `<details class="notes"><summary>Per process (${table.rows.length} profiles)</summary>${htmlTable(table)}</details>`;
}

function hottestDetails(group: BreakdownGroup): string {
  return group.columns
    .filter((c) => c.top.length > 0)
    .map((column) => {
      const rows = column.top.map(
        (f) =>
          `<tr><td class="num">${(f.selfUs / 1000).toFixed(1)}</td><td>${escapeHtml(CPU_CATEGORY_LABELS[f.category])}</td><td>${escapeHtml(f.process)}</td><td><code>${escapeHtml(f.functionName || '(anonymous)')}</code></td><td>${f.url ? `<code>${escapeHtml(`${f.url}:${f.line}`)}</code>` : '(native)'}${f.via ? ` called by <code>${escapeHtml(f.via)}</code>` : ''}</td></tr>`,
      );
      return `<details class="notes"><summary>Hottest functions, ${escapeHtml(column.topology)}</summary><table><thead><tr><th>self ms</th><th>category</th><th>process</th><th>function</th><th>where</th></tr></thead><tbody>${rows.join('')}</tbody></table></details>`;
    })
    .join('\n');
}

function profileErrors(group: BreakdownGroup): string {
  const errors = group.columns.flatMap((c) =>
    c.profiles
      .filter((p) => p.error !== null)
      .map(
        (p) =>
          `<li>no CPU profile of <code>${escapeHtml(`${c.topology}/${p.process}`)}</code>: ${escapeHtml(p.error ?? '')}</li>`,
      ),
  );
  return errors.length > 0 ? `<ul class="bad">${errors.join('')}</ul>` : '';
}
