// The frame the two heat maps share (availability per second, blast radius per phase): the legend's title, the
// grid, the labelled rows and the share bands, so that a colour reads the same in both and is set in one place.
import type { EChartsOption } from 'echarts';
import { COLORS } from './chart-style.js';

/** Width of the row labels' column, left of the grid. */
export const HEATMAP_LEFT = 300;
/** Room above the grid for the legend (the bands) and, in the blast radius, the phase names. */
export const HEATMAP_TOP = 76;

/** Bands of the share answered OK: the eye should find the red first. */
export const PIECES = [
  { gte: 0.99, label: '>= 99%', color: '#2b8a3e' },
  { gte: 0.9, lt: 0.99, label: '90-99%', color: '#a9e34b' },
  { gte: 0.5, lt: 0.9, label: '50-90%', color: '#fab005' },
  { gte: 0, lt: 0.5, label: '< 50%', color: '#c92a2a' },
];

/**
 * Everything of a heat map's option but its x axis and series. `rows` top to bottom (echarts draws them bottom-up,
 * so they are reversed here); `dimension` is the value's index in a datum when the map must be told it.
 */
export function heatmapBase(options: {
  legendTitle: string;
  rows: readonly string[];
  bottom: number;
  dimension?: number;
}): Required<Pick<EChartsOption, 'title' | 'grid' | 'yAxis' | 'visualMap'>> {
  return {
    title: {
      text: options.legendTitle,
      left: HEATMAP_LEFT - 8,
      top: 6,
      textAlign: 'right',
      textStyle: { fontSize: 11, fontWeight: 'normal', color: COLORS.text },
    },
    grid: { left: HEATMAP_LEFT, right: 24, top: HEATMAP_TOP, bottom: options.bottom },
    yAxis: {
      type: 'category',
      data: [...options.rows].reverse(),
      axisLabel: { fontSize: 11, width: HEATMAP_LEFT - 16, overflow: 'truncate' },
      splitArea: { show: false },
    },
    visualMap: {
      type: 'piecewise',
      pieces: PIECES,
      ...(options.dimension !== undefined ? { dimension: options.dimension } : {}),
      orient: 'horizontal',
      left: HEATMAP_LEFT,
      top: 4,
      itemWidth: 16,
      itemHeight: 12,
      itemGap: 14,
      textStyle: { fontSize: 11, color: COLORS.text },
    },
  };
}
