// report.html and charts/*.svg: the run as charts (ECharts rendered to SVG on the server) with
// the shared verdicts, for a reviewer who has one minute and a browser without network.
export type { Chart } from './chart.js';
export type { HtmlReport } from './render-html-report.js';
export { renderHtmlReport } from './render-html-report.js';
export { writeHtmlReport, type WrittenHtmlReport } from './write-html-report.js';
