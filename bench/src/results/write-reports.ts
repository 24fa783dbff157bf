import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderMarkdownSummary } from '../summary/index.js';
import type { RunResult } from './result-schema.js';

/** Writes the human-readable companions of result.json into the run directory; returns their paths. */
export function writeReports(result: RunResult, dir: string): string[] {
  const summary = join(dir, 'summary.md');
  writeFileSync(summary, renderMarkdownSummary(result));
  return [summary];
}
