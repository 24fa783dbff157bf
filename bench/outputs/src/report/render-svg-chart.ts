import { createRequire } from 'node:module';
import type { EChartsOption } from 'echarts';

// echarts' own single-file CommonJS build (its package's "require" export), not its ES modules: the same library,
// loaded in ~0.1 s where its hundreds of ES module files take ~0.4 s, and every command that imports this layer (run,
// check, compare, baseline, report) pays it at start.
const echarts = createRequire(import.meta.url)('echarts') as typeof import('echarts');

/**
 * Typeface of every chart; the page uses the same stack so that charts and text match. No quotes:
 * echarts writes it into a double-quoted style attribute without escaping them.
 */
export const CHART_FONT = 'system-ui, -apple-system, Segoe UI, Roboto, Helvetica Neue, Arial, sans-serif';

/**
 * Renders one ECharts option to an SVG string on the server: no DOM, no browser, no script in
 * the output, so report.html works offline and without JavaScript. Animation is off (an SSR
 * snapshot would otherwise catch the first frame of an animation). The instance is disposed at
 * once: each chart is rendered exactly once.
 *
 * zrender names its clip paths and hover classes `zr<instance>-...`; report.html inlines every
 * chart in one document, where ids and styles are global, so they are renamed after the chart's
 * own (unique) id.
 */
export function renderSvgChart(option: EChartsOption, size: { width: number; height: number }, id: string): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    // White, not transparent: the SVG files are also viewed alone (GitHub's dark theme, slides).
    chart.setOption({ animation: false, backgroundColor: '#ffffff', textStyle: { fontFamily: CHART_FONT }, ...option });
    return chart.renderToSVGString().replace(/\bzr\d+-/g, `${id}-`);
  } finally {
    chart.dispose();
  }
}
