import { cellConfiguration, scenarioAxes } from '@paybench/bench-analysis';
import type { EChartsOption, HeatmapSeriesOption } from 'echarts';
import type { CellResult, RunResult } from '@paybench/bench-results';
import { loadLabel } from '@paybench/bench-scenario';
import { chartId, type Chart } from './chart.js';
import { COLORS, statusLabel } from './chart-style.js';
import { HEATMAP_TOP, heatmapBase } from './heatmap-base.js';
import { perSecondSeries } from './per-second-series.js';
import { renderSvgChart } from './render-svg-chart.js';

const WIDTH = 1160;
const ROW_HEIGHT = 24;
const BOTTOM = 48;

/**
 * Every open-loop cell (each repeat) as a row, every second of the window and drain as a column,
 * coloured by the share of requests answered OK in that second (2xx and 422 / max(due, ended)):
 * a stall is a red band, and rows side by side show which topology and logging configuration
 * it reached, when, and for how long. Fault events are marked by vertical lines named after the
 * phase they start (from the first row's cell: every cell of a run has the same fault timeline).
 */
export function availabilityHeatmap(run: RunResult): Chart | null {
  const layout = scenarioAxes(run);
  const position = (c: CellResult) => [
    layout.loads.indexOf(loadLabel(c.load)),
    layout.loggings.indexOf(cellConfiguration(c)),
    layout.topologies.indexOf(c.topology),
    c.repeat,
  ];
  const cells = run.cells
    .filter((c) => c.loadResult?.kind === 'open')
    .sort((a, b) => {
      const [pa, pb] = [position(a), position(b)];
      return pa.reduce((order, v, i) => order || v - pb[i], 0);
    });
  if (cells.length === 0) return null;
  const rows = cells.map((c) => {
    const label = `${c.topology} · ${cellConfiguration(c)} · ${loadLabel(c.load)}${run.scenario.repeat > 1 ? ` #${c.repeat}` : ''}`;
    const status = statusLabel(c.status);
    return status ? `${label} (${status})` : label;
  });
  const series = cells.map((c) => (c.loadResult?.kind === 'open' ? perSecondSeries(c.loadResult.result) : []));
  const lastSecond = Math.max(...series.flatMap((s) => s.map((p) => p.second)));
  const seconds = Array.from({ length: lastSecond + 1 }, (_, s) => String(s));
  const data: [number, number, number][] = [];
  // Rows are drawn bottom-up by echarts; reverse them so the first cell is on top, as in the tables.
  series.forEach((points, row) => {
    for (const p of points) if (p.okShare !== null) data.push([p.second, cells.length - 1 - row, p.okShare]);
  });
  const phases = cells[0].phases.filter((p) => p.fromMs > 0);
  const windowSeconds = run.scenario.duration / 1000;
  const marks = [
    ...phases.map((p) => ({ at: p.fromMs / 1000, name: p.name })),
    ...(lastSecond >= windowSeconds ? [{ at: windowSeconds, name: 'drain' }] : []),
  ];
  const id = 'availability-heatmap';
  const heatmap: HeatmapSeriesOption = {
    type: 'heatmap',
    data,
    itemStyle: { borderColor: '#ffffff', borderWidth: 0.5 },
    markLine: {
      symbol: 'none',
      silent: true,
      lineStyle: { color: COLORS.text, type: 'solid', width: 1.5 },
      label: { position: 'end', formatter: '{b}', fontSize: 11, color: COLORS.text },
      // On a category axis the line sits on the category's centre: move it to the second's start.
      data: marks.map((m) => ({ name: m.name, xAxis: m.at - 0.5 })),
    },
  };
  const base = heatmapBase({ legendTitle: 'share answered OK in the second:', rows, bottom: BOTTOM });
  const option: EChartsOption = {
    title: base.title,
    grid: base.grid,
    xAxis: {
      type: 'category',
      data: seconds,
      name: 'seconds into the measured window',
      nameLocation: 'middle',
      nameGap: 28,
      nameTextStyle: { fontSize: 11, color: COLORS.muted },
      axisLabel: { fontSize: 11, interval: 4 },
      splitArea: { show: false },
    },
    yAxis: base.yAxis,
    visualMap: base.visualMap,
    series: [heatmap],
  };
  return {
    id: chartId(id),
    title: 'Availability, second by second',
    caption:
      'Each row is a cell (topology · logging · load), each column a second; colour = share of the requests answered OK (2xx or 422) in that second, over max(requests due, requests ended) in it. ' +
      'Vertical lines: the fault events, named after the phase they start. Blank: nothing was due or ended.',
    svg: renderSvgChart(option, { width: WIDTH, height: HEATMAP_TOP + BOTTOM + cells.length * ROW_HEIGHT + 20 }, id),
    points: data.length,
  };
}
