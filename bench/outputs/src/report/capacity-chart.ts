import type { LineSeriesOption } from 'echarts';
import type { CellSummary, RunResult } from '@paybench/bench-results';
import { formatRate, scenarioAxes } from '@paybench/bench-analysis';
import { chartId, type Chart } from './chart.js';
import { COLORS, logRange, TOPOLOGY_COLORS } from './chart-style.js';
import { renderSvgChart } from './render-svg-chart.js';

const SIZE = { width: 860, height: 380 };

/** How to read the capacity curves: shown once above them. */
export const CAPACITY_INTRO =
  'Stepped load: each point is one open-loop step at the offered rate on the x axis (log scale), its p99 (solid) and p50 (dotted) of the slowest traffic class. ' +
  'The dashed red line is the SLO; the large marker on each topology is its knee: the capacity, the highest offered rate whose step kept the p99 within the SLO with at least 99.9% answered and the generator on schedule.';

/**
 * One chart per (logging configuration, stepped load): p50 and p99 against offered rate, a colour
 * per topology (and repeat), the SLO line, each topology's knee marked.
 */
export function capacityCharts(run: RunResult, summaries: readonly CellSummary[]): Chart[] {
  const layout = scenarioAxes(run);
  const slo = run.scenario.slo.p99Ms;
  const charts: Chart[] = [];
  for (const load of layout.loads) {
    for (const logging of layout.loggings) {
      const cells = summaries.filter((s) => s.logging === logging && s.load === load && s.capacity);
      if (cells.length === 0) continue;
      const series: LineSeriesOption[] = [];
      let points = 0;
      const rates: number[] = [];
      const latencies: number[] = [slo];
      cells.forEach((cell) => {
        const curve = cell.capacity?.points ?? [];
        const t = Math.max(0, layout.topologies.indexOf(cell.topology));
        const color = TOPOLOGY_COLORS[t % TOPOLOGY_COLORS.length];
        const name = `${cell.topology}${run.scenario.repeat > 1 ? ` #${cell.repeat}` : ''}${cell.valid ? '' : ` (${cell.status.toUpperCase()})`}`;
        const knee = cell.capacity?.capacityRps ?? null;
        const kneePoint = curve.find((p) => p.offeredRate === knee);
        points += curve.filter((p) => p.p99Ms !== null).length;
        rates.push(...curve.map((p) => p.offeredRate));
        latencies.push(...curve.flatMap((p) => [p.p50Ms ?? 0, p.p99Ms ?? 0]));
        series.push(
          {
            type: 'line',
            name: `${name} p99`,
            color,
            data: curve.map((p) => [p.offeredRate, p.p99Ms ?? '-']),
            symbol: 'circle',
            symbolSize: 5,
            lineStyle: { width: 2, color },
            ...(kneePoint && {
              markPoint: {
                symbol: 'pin',
                symbolSize: 34,
                itemStyle: { color },
                label: { formatter: formatRate(kneePoint.offeredRate), fontSize: 9, color: '#ffffff' },
                data: [{ name: 'knee', coord: [kneePoint.offeredRate, kneePoint.p99Ms ?? 0] }],
              },
            }),
            ...(series.length === 0 && {
              markLine: {
                symbol: 'none',
                silent: true,
                lineStyle: { color: COLORS.slo, type: 'dashed', width: 1.5 },
                label: { formatter: `SLO ${slo} ms`, position: 'insideEndTop', color: COLORS.slo, fontSize: 11 },
                data: [{ yAxis: slo }],
              },
            }),
          },
          {
            type: 'line',
            name: `${name} p50`,
            color,
            data: curve.map((p) => [p.offeredRate, p.p50Ms ?? '-']),
            symbol: 'emptyCircle',
            symbolSize: 4,
            lineStyle: { width: 1.5, type: 'dotted', color },
          },
        );
      });
      const [yMin, yMax] = logRange(latencies);
      const [xMin, xMax] = logRange(rates);
      const id = chartId('capacity', logging, load);
      const svg = renderSvgChart(
        {
          title: {
            text: `p50 and p99 against offered rate: ${logging} logging`,
            left: 'center',
            textStyle: { fontSize: 14 },
          },
          legend: { bottom: 0, type: 'plain' },
          grid: { left: 70, right: 30, top: 40, bottom: 70 },
          xAxis: { type: 'log', name: 'offered req/s', nameLocation: 'middle', nameGap: 28, min: xMin, max: xMax },
          yAxis: { type: 'log', name: 'latency ms', nameLocation: 'middle', nameGap: 50, min: yMin, max: yMax },
          series,
        },
        SIZE,
        id,
      );
      charts.push({
        id,
        title: `Capacity: ${logging} logging, ${load}`,
        caption: ` · SLO p99 <= ${slo} ms; knees: ${cells.map((c) => `${c.topology} ${c.capacity?.capacityRps === null ? 'none' : `${formatRate(c.capacity?.capacityRps ?? null)} req/s`}`).join(', ')}.`,
        svg,
        points,
      });
    }
  }
  return charts;
}
