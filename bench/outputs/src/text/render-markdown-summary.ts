import type { CellSummary, RunResult } from '@paybench/bench-results';
import {
  blastRadius,
  blastSentences,
  capacityTable,
  cellRetryCounts,
  floorLines,
  cellTable,
  configurationParts,
  formatRatioInterval,
  HIT_BELOW_SHARE,
  intervalBasis,
  linkProxyCpuNote,
  MEASUREMENT_NOTES,
  retryCountsText,
  richTextToMarkdown,
  runVerdicts,
  summarizeRun,
} from '@paybench/bench-analysis';
import { gitPhrase } from '../tables/git-phrase.js';
import { markdownTable } from '../tables/markdown-table.js';
import { externalLines } from './external-lines.js';
import { cpuBreakdownMarkdown } from './cpu-breakdown.js';

/** A chart written next to summary.md, as charts/<id>.svg. */
export interface LinkedChart {
  id: string;
  title: string;
}

/**
 * summary.md: the run in a form to paste into a pull request or $GITHUB_STEP_SUMMARY: one-line
 * verdicts, a blast-radius sentence per fault, links to report.html and to each chart's SVG file (when given), then a table per (logging configuration, load) with a row per topology and phase,
 * the ratios to the first topology, every problem of every cell that is not ok, and how the
 * figures were measured. Built from the same summaries as the terminal table.
 */
export function renderMarkdownSummary(run: RunResult, charts: readonly LinkedChart[] = []): string {
  const { summaries, comparisons } = summarizeRun(run);
  const env = run.environment;
  const lines = [
    `# paybench \`${run.scenario.name}\`: ${run.scenario.description}`,
    '',
    `Run \`${run.runId}\`${run.complete ? '' : ` — **INCOMPLETE${run.interruption ? ` (${run.interruption})` : ''}**`}. Node ${env.node}, ${env.cores} x ${env.cpuModel}; ${env.pinning.note}; ${richTextToMarkdown(gitPhrase(env))}. SLO p99 <= ${run.scenario.slo.p99Ms} ms, request timeout ${run.scenario.timeout} ms, ${run.scenario.duration / 1000} s measured after ${run.scenario.warmup / 1000} s warm-up, ${run.scenario.repeat} repeat(s).`,
    '',
  ];
  const floor = floorLines(run, summaries);
  if (floor.length > 0) lines.push(...floor.map((line) => `- ${line}`), '');
  const external = externalLines(run);
  if (external.length > 0) lines.push(...external.map((line) => `- ${line}`), '');
  const verdicts = runVerdicts(run, summaries, comparisons);
  if (verdicts.length > 0) lines.push('## Verdicts', '', ...verdicts.map((v) => `- ${richTextToMarkdown(v.text)}`), '');
  const blast = blastSentences(run, blastRadius(run, summaries));
  if (blast.length > 0)
    lines.push(
      '## Blast radius',
      '',
      `Per fault, which traffic classes it hit (a class is hit in a second when under ${HIT_BELOW_SHARE * 100}% of it was served within the SLO) and for how long; the report has the heat map of class x phase.`,
      '',
      ...blast.map((b) => `- ${richTextToMarkdown(b.text)}`),
      '',
    );
  if (charts.length > 0) {
    lines.push(
      '## Charts',
      '',
      'The whole report, one page that opens offline: [report.html](report.html). Each chart as SVG (links relative to the run directory):',
      '',
    );
    lines.push(...charts.map((c) => `- [${c.title.replace(/[[\]]/g, '')}](charts/${c.id}.svg)`), '');
  }
  for (const comparison of comparisons) {
    // A configuration under a resilience preset reads `fixed/naive`: the heading names both parts.
    const { logging, preset } = configurationParts(comparison.logging);
    const resilience = preset === undefined ? '' : `, resilience \`${preset}\``;
    lines.push(`## Logging \`${logging}\`${resilience}, load \`${comparison.load}\``, '');
    const cells = summaries.filter((s) => s.logging === comparison.logging && s.load === comparison.load);
    lines.push(
      ...markdownTable(
        cellTable(
          cells,
          comparison.topologies.map((t) => t.topology),
        ),
      ),
    );
    const capacity = capacityTable(
      cells,
      comparison.topologies.map((t) => t.topology),
    );
    if (capacity) lines.push('', '### Capacity at the SLO', '', ...markdownTable(capacity));
    // A stepped block's ratio is its capacity's (above); the per-cell ratios have nothing to compare.
    for (const ratio of capacity ? [] : comparison.ratios) {
      const i = ratio.intervals;
      lines.push(
        '',
        `${ratio.topology} / ${ratio.baseline}: p50 ${formatRatioInterval(ratio.p50, i?.p50)}, p99 ${formatRatioInterval(ratio.p99, i?.p99)}, throughput ${formatRatioInterval(ratio.throughput, i?.throughput)}, CPU per request ${formatRatioInterval(ratio.cpuPerSuccess, i?.cpuPerSuccess)}, peak RSS ${formatRatioInterval(ratio.peakRss, i?.peakRss)} (medians over valid repeats; ${intervalBasis(i)}).`,
      );
    }
    lines.push(...retryLines(run, cells), '');
  }
  const troubled = summaries.filter((s) => !s.valid);
  if (troubled.length > 0) {
    lines.push(
      '## Cells that are not valid',
      '',
      ...troubled.map(
        (s) => `- \`${s.key}\` repeat ${s.repeat}: **${s.status}**: ${s.problems.join('; ') || 'no detail'}`,
      ),
      '',
    );
  }
  lines.push(...cpuBreakdownMarkdown(run));
  lines.push(
    '## How these figures were measured',
    '',
    ...MEASUREMENT_NOTES.map((note) => `- ${richTextToMarkdown(note)}`),
  );
  const proxies = linkProxyCpuNote(run);
  if (proxies) lines.push(`- ${proxies}`);
  return `${lines.join('\n')}\n`;
}

/**
 * Under a block's table: per cell, what its resilience policies and the retrying client did (retries, breaker opens
 * and refusals, bulkhead rejections, fallbacks; client retries and those its budget refused), when they did anything.
 */
function retryLines(run: RunResult, cells: readonly CellSummary[]): string[] {
  const lines = cells.flatMap((summary) => {
    const cell = run.cells.find((c) => c.key === summary.key && c.repeat === summary.repeat);
    if (!cell) return [];
    const counts = cellRetryCounts(cell);
    const text = retryCountsText(counts);
    if (text === null) return [];
    return [`- \`${summary.topology}\` #${summary.repeat}${counts.preset ? ` \`${counts.preset}\`` : ''}: ${text}`];
  });
  return lines.length > 0
    ? ['', '**Retries and refusals** (policies: over the cell; client: over the measured window):', '', ...lines]
    : [];
}
