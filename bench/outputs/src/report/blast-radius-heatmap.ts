import { type BlockBlast, classLabel, formatPercent, formatSeconds } from '@paybench/bench-analysis';
import type { EChartsOption, HeatmapSeriesOption } from 'echarts';
import { chartId, type Chart } from './chart.js';
import { COLORS } from './chart-style.js';
import { PIECES } from './availability-heatmap.js';
import { renderSvgChart } from './render-svg-chart.js';

const ROW_HEIGHT = 30;
const TOP = 76;
const BOTTOM = 16;
const LEFT = 300;
const PHASE_WIDTH = 150;

/**
 * The blast radius of one (logging, load) block: a row per topology and traffic class, a column per phase of the
 * fault timeline, coloured (as the per-second heat map) by the class's availability within the SLO over the phase,
 * labelled with it and, where the phase hit the class, how long it stayed down. Null for a block without faults.
 */
export function blastRadiusHeatmap(block: BlockBlast): Chart | null {
  if (block.phases.length < 2) return null;
  const rows = block.topologies.flatMap((t) => block.classes.map((c) => ({ topology: t, className: c })));
  const data: NonNullable<HeatmapSeriesOption['data']> = [];
  rows.forEach(({ topology, className }, row) => {
    block.phases.forEach((phase, column) => {
      const f = topology.figures.find((x) => x.className === className && x.phase === phase);
      if (!f || f.availability === null) return;
      const down =
        f.outcome === 'recovered'
          ? ` · ↓${formatSeconds(f.downMs)}`
          : f.outcome === 'never' || f.outcome === 'not observed'
            ? ' · ↓ to the end'
            : '';
      // Rows are drawn bottom-up by echarts; reverse them so the first topology is on top.
      data.push({
        value: [column, rows.length - 1 - row, f.availability],
        label: { formatter: `${formatPercent(f.availability)}%${down}` },
      });
    });
  });
  const id = chartId('blast-radius', block.logging, block.load);
  const heatmap: HeatmapSeriesOption = {
    type: 'heatmap',
    data,
    label: { show: true, fontSize: 10, color: COLORS.text },
    itemStyle: { borderColor: '#ffffff', borderWidth: 1 },
  };
  const labels = rows.map(({ topology, className }) => `${topology.topology} · ${classLabel(className)}`);
  const option: EChartsOption = {
    title: {
      text: 'availability within the SLO in the phase:',
      left: LEFT - 8,
      top: 6,
      textAlign: 'right',
      textStyle: { fontSize: 11, fontWeight: 'normal', color: COLORS.text },
    },
    grid: { left: LEFT, right: 24, top: TOP, bottom: BOTTOM },
    xAxis: {
      type: 'category',
      data: block.phases,
      position: 'top',
      axisLabel: { fontSize: 11 },
      splitArea: { show: false },
    },
    yAxis: {
      type: 'category',
      data: [...labels].reverse(),
      axisLabel: { fontSize: 11, width: LEFT - 16, overflow: 'truncate' },
      splitArea: { show: false },
    },
    visualMap: {
      type: 'piecewise',
      pieces: PIECES,
      dimension: 2,
      orient: 'horizontal',
      left: LEFT,
      top: 4,
      itemWidth: 16,
      itemHeight: 12,
      itemGap: 14,
      textStyle: { fontSize: 11, color: COLORS.text },
    },
    series: [heatmap],
  };
  return {
    id,
    title: blastRadiusTitle(block.logging, block.load),
    caption:
      'A row per topology and traffic class, a column per phase of the fault timeline; colour and label = the share of the ' +
      "class's requests due in the phase answered 2xx or 422 within the SLO; ↓ = how long the phase's fault kept the class " +
      'down: from its first hit second (under 99% served within the SLO) to the first of 3 seconds in a row that were not.',
    svg: renderSvgChart(
      option,
      { width: LEFT + 48 + block.phases.length * PHASE_WIDTH, height: TOP + BOTTOM + rows.length * ROW_HEIGHT },
      id,
    ),
    points: data.length,
  };
}

/** The chart's title, which report.html also finds it by. */
export function blastRadiusTitle(logging: string, load: string): string {
  return `Blast radius: ${logging} logging, ${load}`;
}
