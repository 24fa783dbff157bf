import { join, relative, sep } from 'node:path';
import { type RunResult, writeFileAtomic } from '@paybench/bench-results';
import { renderMarkdownSummary } from '../text/render-markdown-summary.js';
import { writeHtmlReport } from './write-html-report.js';

/**
 * Writes the human-readable companions of result.json into the run directory: summary.md, and
 * report.html with its charts/*.svg. Returns their paths.
 */
export function writeReports(result: RunResult, dir: string): string[] {
  const html = writeHtmlReport(result, dir);
  const summary = join(dir, 'summary.md');
  writeFileAtomic(summary, renderMarkdownSummary(result, html.charts));
  return [summary, ...html.files];
}

/** The written files relative to the run directory, the charts folded into one entry: for the commands' output. */
export function describeWritten(files: readonly string[], dir: string): string[] {
  const relativePaths = files.map((f) => relative(dir, f));
  const charts = relativePaths.filter((f) => f.startsWith(`charts${sep}`));
  const others = relativePaths.filter((f) => !charts.includes(f));
  return charts.length > 0 ? [...others, `charts${sep} (${charts.length} SVG charts)`] : others;
}
