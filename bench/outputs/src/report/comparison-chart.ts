import type { BarSeriesOption, EChartsOption } from 'echarts';
import type {
  RatioBounds,
  RunResult,
  TopologyComparison,
  TopologyFigures,
  TopologyRatio,
} from '@paybench/bench-results';
import { formatMiB, formatMs, formatRate, formatRatioInterval, intervalBasis } from '@paybench/bench-analysis';
import { chartId, type Chart } from './chart.js';
import { COLORS, niceCeiling, TOPOLOGY_COLORS } from './chart-style.js';
import { renderSvgChart } from './render-svg-chart.js';

const WIDTH = 1160;
const HEIGHT = 270;
const PANEL_GAP = 64;
const LEFT = 56;
const RIGHT = 16;

/** The four headline figures of a topology, with the ratio field (and its interval) that goes with each. */
const METRICS: {
  title: string;
  unit: string;
  value: (f: TopologyFigures) => number | null;
  format: (v: number) => string;
  ratio: (r: TopologyRatio) => number | null;
  interval: (r: TopologyRatio) => RatioBounds | null | undefined;
}[] = [
  {
    title: 'Throughput',
    unit: 'answers/s',
    value: (f) => f.throughputPerSecond,
    format: (v) => formatRate(v),
    ratio: (r) => r.throughput,
    interval: (r) => r.intervals?.throughput,
  },
  {
    title: 'p99 latency',
    unit: 'ms',
    value: (f) => f.p99Ms,
    format: (v) => formatMs(v),
    ratio: (r) => r.p99,
    interval: (r) => r.intervals?.p99,
  },
  {
    title: 'CPU per request',
    unit: 'CPU ms / 2xx',
    value: (f) => f.cpuMsPerSuccess,
    format: (v) => formatMs(v),
    ratio: (r) => r.cpuPerSuccess,
    interval: (r) => r.intervals?.cpuPerSuccess,
  },
  {
    title: 'Peak RSS',
    unit: 'MiB (sum of processes)',
    value: (f) => (f.peakRssBytes === null ? null : f.peakRssBytes / 2 ** 20),
    format: (v) => formatMiB(v * 2 ** 20),
    ratio: (r) => r.peakRss,
    interval: (r) => r.intervals?.peakRss,
  },
];

/** How to read every comparison: shown once above them. */
export const COMPARISON_INTRO =
  "Medians over valid repeats, whole measured window. Each bar carries its value and its ratio to the baseline topology (x2.0 = twice the baseline's figure). " +
  'Throughput = HTTP answers per second; CPU per request = CPU of every process / 2xx answers; RSS = sum of per-process peaks. Faded bars come from invalid cells only. ' +
  '[low-high] after a ratio is its 95% interval (a seeded bootstrap; the caption says over what, see How measured).';

/**
 * One bar chart per (logging configuration, load): throughput, p99, CPU per request and peak RSS
 * per topology, side by side, each bar labelled with its value and its ratio to the baseline
 * topology (the scenario's first). Medians over valid repeats, as in the tables; a topology whose
 * figures come from invalid cells only is marked. Closed-loop (saturation) points appear here.
 */
export function comparisonCharts(run: RunResult, comparisons: readonly TopologyComparison[]): Chart[] {
  const topologyOrder = [...new Set(comparisons.flatMap((c) => c.topologies.map((t) => t.topology)))];
  return comparisons.flatMap((comparison) => {
    const id = chartId('comparison', comparison.logging, comparison.load);
    const panelWidth = (WIDTH - LEFT - RIGHT - PANEL_GAP * (METRICS.length - 1)) / METRICS.length;
    const categories = comparison.topologies.map((t) =>
      t.basis === 'valid' ? t.topology : `${t.topology} (${t.basis === 'none' ? 'NOT MEASURED' : 'INVALID'})`,
    );
    let points = 0;
    const option: EChartsOption = {
      title: METRICS.map((m, i) => ({
        text: m.title,
        left: LEFT + i * (panelWidth + PANEL_GAP),
        top: 4,
        textStyle: { fontSize: 13, fontWeight: 'bold', color: COLORS.text },
      })),
      grid: METRICS.map((_, i) => ({
        left: LEFT + i * (panelWidth + PANEL_GAP),
        top: 56,
        width: panelWidth,
        bottom: 40,
      })),
      xAxis: METRICS.map((_, i) => ({
        type: 'category',
        gridIndex: i,
        data: categories,
        axisLabel: {
          fontSize: 11,
          interval: 0,
          overflow: 'truncate',
          width: panelWidth / Math.max(1, categories.length),
        },
      })),
      yAxis: METRICS.map((m, i) => ({
        type: 'value',
        gridIndex: i,
        name: m.unit,
        nameLocation: 'end',
        nameGap: 10,
        nameTextStyle: { fontSize: 11, color: COLORS.muted, align: 'left' },
        axisLabel: { fontSize: 11 },
        // A round maximum with headroom for the two-line labels above the bars.
        max: niceCeiling(1.3 * Math.max(0, ...comparison.topologies.map((f) => m.value(f) ?? 0))),
      })),
      series: METRICS.map((m, i): BarSeriesOption => ({
        type: 'bar',
        xAxisIndex: i,
        yAxisIndex: i,
        barMaxWidth: 56,
        data: comparison.topologies.map((figures, t) => {
          const value = m.value(figures);
          if (value !== null) points++;
          const ratio = comparison.ratios.find((r) => r.topology === figures.topology);
          const color = TOPOLOGY_COLORS[topologyOrder.indexOf(figures.topology) % TOPOLOGY_COLORS.length];
          return {
            value: value ?? '-',
            itemStyle: { color, opacity: figures.basis === 'valid' ? 1 : 0.4 },
            label: {
              show: true,
              position: 'top',
              fontSize: 11,
              color: COLORS.text,
              formatter:
                value === null
                  ? 'unknown'
                  : t === 0
                    ? `${m.format(value)}\nbaseline`
                    : `${m.format(value)}\n${ratio ? formatRatioInterval(m.ratio(ratio), m.interval(ratio)) : 'x?'}`,
            },
          };
        }),
      })),
    };
    const kind = comparison.load.startsWith('closed') ? ' (closed loop: saturation)' : '';
    return [
      {
        id,
        title: `Topologies compared: ${comparison.logging} logging, ${comparison.load}${kind}`,
        caption: `Ratios against ${comparison.baseline}${[...new Set(comparison.ratios.map((r) => `; ${intervalBasis(r.intervals)}`))].join('')}.`,
        svg: renderSvgChart(option, { width: WIDTH, height: HEIGHT }, id),
        points,
      },
    ];
  });
}
