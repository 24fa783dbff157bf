import { CHART_FONT } from './render-svg-chart.js';

/**
 * The page's only stylesheet, inline so that report.html is one self-contained file. Plain and
 * printable: charts scale down with the page, tables keep their numbers right-aligned, and the
 * tints match the heat-map's bands (green >= 99%, amber >= 90%, red below).
 */
export const REPORT_CSS = `
body { font-family: ${CHART_FONT}; color: #1f2328; margin: 0; background: #fff; line-height: 1.45; }
main { max-width: 1200px; margin: 0 auto; padding: 16px 20px 48px; }
h1 { font-size: 24px; margin: 8px 0 4px; }
h2 { font-size: 19px; margin: 32px 0 8px; padding-bottom: 4px; border-bottom: 1px solid #d0d7de; }
h3 { font-size: 15px; margin: 20px 0 6px; }
p.lead { margin: 0 0 8px; color: #59636e; }
p.intro { font-size: 14px; color: #3d444d; margin: 4px 0 8px; max-width: 1100px; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.9em; }
code { background: #f3f4f6; padding: 0 3px; border-radius: 3px; }
pre { background: #f6f8fa; padding: 8px 12px; border-radius: 6px; white-space: pre-wrap; margin: 4px 0; }
.banner { padding: 10px 14px; border-radius: 6px; margin: 12px 0; border: 1px solid; }
.banner.ok { background: #ebfbee; border-color: #8ce99a; }
.banner.bad { background: #fff5f5; border-color: #ffa8a8; }
.banner ul { margin: 6px 0 0; padding-left: 20px; }
.verdicts { background: #f8f9fa; border: 1px solid #d0d7de; border-radius: 6px; padding: 4px 16px 8px; }
.verdicts h2 { border: 0; margin-top: 8px; }
.verdicts li { margin: 6px 0; font-size: 15px; }
figure.chart { margin: 16px 0 24px; }
figure.chart svg { display: block; max-width: 100%; height: auto; }
figure.chart figcaption { font-size: 13px; color: #59636e; margin: 0 0 6px; }
figure.chart figcaption strong { display: block; color: #1f2328; font-size: 15px; }
.pair { display: grid; grid-template-columns: repeat(auto-fit, minmax(520px, 1fr)); gap: 0 24px; }
table { border-collapse: collapse; font-size: 13px; margin: 6px 0 12px; }
th, td { border: 1px solid #d0d7de; padding: 4px 8px; vertical-align: top; text-align: left; }
thead th { background: #f6f8fa; }
td.num { text-align: right; white-space: nowrap; }
.nowrap { white-space: nowrap; }
.unit { color: #59636e; font-size: 12px; font-weight: normal; }
td.good { background: #ebfbee; } td.warn { background: #fff9db; } td.bad { background: #fff5f5; } td.na { color: #868e96; }
span.bad { color: #c92a2a; font-weight: 600; }
.meta-grid { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 16px; align-items: start; }
table.meta th { background: #f6f8fa; white-space: nowrap; }
details summary { cursor: pointer; font-weight: 600; font-size: 13px; }
details.notes { font-size: 13px; margin: 8px 0; }
@media (max-width: 900px) { .meta-grid { grid-template-columns: 1fr; } }
`;
