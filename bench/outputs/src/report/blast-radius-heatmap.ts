import { type BlockBlast, classLabel, formatPercent, formatSeconds } from '@paybench/bench-analysis';
import type { EChartsOption, HeatmapSeriesOption } from 'echarts';
import { chartId, type Chart } from './chart.js';
import { COLORS } from './chart-style.js';
import { HEATMAP_LEFT, HEATMAP_TOP, heatmapBase } from './heatmap-base.js';
import { renderSvgChart } from './render-svg-chart.js';

const ROW_HEIGHT = 30;
const BOTTOM = 16;
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
  const base = heatmapBase({
    legendTitle: 'availability within the SLO in the phase:',
    rows: labels,
    bottom: BOTTOM,
    dimension: 2,
  });
  const option: EChartsOption = {
    title: base.title,
    grid: base.grid,
    xAxis: {
      type: 'category',
      data: block.phases,
      position: 'top',
      axisLabel: { fontSize: 11 },
      splitArea: { show: false },
    },
    yAxis: base.yAxis,
    visualMap: base.visualMap,
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
      {
        width: HEATMAP_LEFT + 48 + block.phases.length * PHASE_WIDTH,
        height: HEATMAP_TOP + BOTTOM + rows.length * ROW_HEIGHT,
      },
      id,
    ),
    points: data.length,
  };
}

/** The chart's title, which report.html also finds it by. */
export function blastRadiusTitle(logging: string, load: string): string {
  return `Blast radius: ${logging} logging, ${load}`;
}
