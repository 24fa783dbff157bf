import type { EChartsOption, LineSeriesOption } from 'echarts';
import type { Histogram } from 'hdr-histogram-js';
import type { CellResult, RunResult } from '@paybench/bench-results';
import { mergeEncodedHistograms, scenarioAxes } from '@paybench/bench-analysis';
import { cellsOf } from './cell-layout.js';
import { chartId, type Chart } from './chart.js';
import { COLORS, logRange, TOPOLOGY_COLORS } from './chart-style.js';
import { renderSvgChart } from './render-svg-chart.js';

const WIDTH = 570;
const HEIGHT = 330;
/** Points per decade of 1/(1-p): enough for a smooth curve, few enough to keep the SVG small. */
const STEPS_PER_DECADE = 25;
const PERCENT_LABELS = ['0%', '90%', '99%', '99.9%', '99.99%', '99.999%'];

/**
 * The latency distribution of one cell: its whole-window histogram, every class merged (open
 * loop: from intended start, so a stall counts in full; closed loop: autocannon's service time
 * from send).
 */
function cellHistogram(cell: CellResult): Histogram | null {
  // A stepped cell mixes rates: its steps are drawn on the capacity curve instead.
  if (cell.loadResult === null || cell.loadResult.kind === 'steps') return null;
  const encodings =
    cell.loadResult.kind === 'open'
      ? Object.values(cell.loadResult.result.classes).map((c) => c.histogram)
      : [cell.loadResult.result.latency.histogram];
  const histogram = mergeEncodedHistograms(encodings);
  return histogram.totalCount > 0 ? histogram : null;
}

/**
 * Percentile curve of a histogram, the classic HdrHistogram plot: x = log10(1 / (1 - p)), so
 * that 90%, 99%, 99.9%... are evenly spaced and the tail gets the room it deserves. The curve
 * stops at the decade the sample count can resolve (beyond it every percentile is the maximum).
 */
export function percentileCurve(histogram: Histogram): [number, number][] {
  const decades = Math.min(PERCENT_LABELS.length - 1, Math.max(2, Math.floor(Math.log10(histogram.totalCount))));
  const curve: [number, number][] = [];
  for (let step = 0; step <= decades * STEPS_PER_DECADE; step++) {
    const x = step / STEPS_PER_DECADE;
    const percentile = 100 * (1 - 10 ** -x);
    curve.push([x, histogram.getValueAtPercentile(percentile) / 1000]);
  }
  return curve;
}

/** How to read every distribution: shown once above them. */
export const DISTRIBUTION_INTRO =
  'Whole measured window, every traffic class merged into one HDR histogram (timeouts count at the time given up, so a flat top at the request timeout means requests timed out). ' +
  'At x = 99% a curve reads its p99. Charts of the same load share their latency axis, so that logging configurations compare directly.';

/**
 * One chart per (logging configuration, load): a line per topology (and per repeat), on the same
 * latency range for every chart of the same load so that broken and fixed compare directly.
 */
export function distributionCharts(run: RunResult): Chart[] {
  const layout = scenarioAxes(run);
  const charts: Chart[] = [];
  for (const load of layout.loads) {
    const groups = layout.loggings.map((logging) => ({
      logging,
      lines: layout.topologies.flatMap((topology, t) =>
        cellsOf(run, topology, logging, load).flatMap((cell) => {
          const histogram = cellHistogram(cell);
          return histogram ? [{ cell, t, curve: percentileCurve(histogram) }] : [];
        }),
      ),
    }));
    const values = groups.flatMap((g) => g.lines.flatMap((l) => l.curve.map(([, ms]) => ms)));
    const [yMin, yMax] = logRange([...values, run.scenario.slo.p99Ms]);
    for (const { logging, lines } of groups) {
      if (lines.length === 0) continue;
      const closed = lines.some((l) => l.cell.loadResult?.kind === 'closed');
      const id = chartId('distribution', logging, load);
      const series: LineSeriesOption[] = lines.map(({ cell, t, curve }) => ({
        type: 'line',
        name: `${cell.topology}${run.scenario.repeat > 1 ? ` #${cell.repeat}` : ''}${cell.status === 'ok' ? '' : ` (${cell.status.toUpperCase()})`}`,
        data: curve,
        color: TOPOLOGY_COLORS[t % TOPOLOGY_COLORS.length],
        showSymbol: false,
        lineStyle: { width: 2, type: cell.repeat > 1 ? 'dashed' : 'solid' },
      }));
      series[0].markLine = {
        symbol: 'none',
        silent: true,
        lineStyle: { color: COLORS.slo, type: 'dashed', width: 1.5 },
        label: {
          formatter: `SLO ${run.scenario.slo.p99Ms} ms`,
          position: 'insideStartTop',
          color: COLORS.slo,
          fontSize: 11,
        },
        data: [{ yAxis: run.scenario.slo.p99Ms }],
      };
      const decades = Math.max(...lines.map((l) => l.curve.at(-1)?.[0] ?? 0));
      const option: EChartsOption = {
        legend: { top: 4, left: 'center', itemGap: 24 },
        grid: { left: 64, right: 24, top: 40, bottom: 52 },
        xAxis: {
          type: 'value',
          min: 0,
          max: decades,
          interval: 1,
          name: 'percentile (log scale of 1 / (1 - p))',
          nameLocation: 'middle',
          nameGap: 28,
          nameTextStyle: { fontSize: 11, color: COLORS.muted },
          axisLabel: { fontSize: 11, formatter: (x: number) => PERCENT_LABELS[Math.round(x)] ?? '' },
        },
        yAxis: {
          type: 'log',
          logBase: 10,
          min: yMin,
          max: yMax,
          name: closed ? 'service time, ms (log)' : 'latency, ms (log)',
          nameLocation: 'middle',
          nameGap: 44,
          nameTextStyle: { fontSize: 11, color: COLORS.muted },
          axisLabel: { fontSize: 11 },
        },
        series,
      };
      charts.push({
        id,
        title: `Latency distribution: ${logging} logging, ${load}`,
        caption: closed
          ? "Closed loop (saturation): service time from each request's actual send, from autocannon's per-response events."
          : "Open loop: latency from each request's intended start.",
        svg: renderSvgChart(option, { width: WIDTH, height: HEIGHT }, id),
        points: lines.reduce((sum, l) => sum + l.curve.length, 0),
      });
    }
  }
  return charts;
}
