import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type RunResult, writeFileAtomic } from '@paybench/bench-results';
import type { Chart } from './chart.js';
import { renderHtmlReport } from './render-html-report.js';

export interface WrittenHtmlReport {
  /** report.html first, then the SVG files. */
  files: string[];
  /** The charts written, for summary.md to link (charts/<id>.svg). */
  charts: Chart[];
}

/**
 * Writes report.html into the run directory and every chart as charts/<id>.svg (standalone,
 * for summary.md, issues and slides); returns the paths written, report.html first, and the charts. The SVG
 * files keep the namespace attributes report.html drops, so any viewer opens them alone.
 */
export function writeHtmlReport(result: RunResult, dir: string): WrittenHtmlReport {
  const { html, charts } = renderHtmlReport(result);
  const chartDir = join(dir, 'charts');
  mkdirSync(chartDir, { recursive: true });
  const report = join(dir, 'report.html');
  writeFileAtomic(report, html);
  const files = charts.map((chart) => {
    const file = join(chartDir, `${chart.id}.svg`);
    writeFileAtomic(file, chart.svg);
    return file;
  });
  return { files: [report, ...files], charts };
}
