// What `paybench check` prints: a header naming both measurements, one row per figure, the
// run's problems and one final line (the line a CI log reader looks for); and the same in
// Markdown for $GITHUB_STEP_SUMMARY.
import type { RunResult } from '@paybench/bench-results';
import { renderHeader, renderRow, type Column } from '../text/text-table.js';
import {
  type Baseline,
  type CheckedFigure,
  type CheckOutcome,
  NOISE_METHOD,
  richTextToMarkdown,
  type Track,
} from '@paybench/bench-analysis';
import { gitPhrase, plainText } from '../tables/git-phrase.js';
import { formatChange, formatThreshold, formatValue } from './format-figure.js';

export interface CheckContext {
  baseline: Baseline;
  baselineFile: string;
  run: RunResult;
  runDir: string;
  track: Track;
}

const METHOD = `regression = worse than the baseline beyond its threshold AND beyond noise; noise = ${NOISE_METHOD}`;

export function renderCheckText(outcome: CheckOutcome, context: CheckContext): string {
  const width = Math.min(72, Math.max(20, ...outcome.figures.map((f) => f.name.length)));
  const columns: Column[] = [
    { title: 'figure', width, align: 'left' },
    { title: 'baseline', width: 12, align: 'right' },
    { title: 'now', width: 12, align: 'right' },
    { title: 'change', width: 7, align: 'right' },
    { title: 'limit', width: 6, align: 'right' },
    { title: 'noise', width: 28, align: 'left' },
    { title: 'verdict', width: 10, align: 'left' },
  ];
  const rows = outcome.figures.map((f) => renderRow(columns, cells(f, verdictText(f))));
  const lines = [...header(outcome, context), '', renderHeader(columns), ...rows, ''];
  if (outcome.runProblems.length > 0)
    lines.push('the run cannot pass:', ...outcome.runProblems.map((p) => `  - ${p}`), '');
  lines.push(finalLine(outcome));
  return `${lines.join('\n')}\n`;
}

export function renderCheckMarkdown(outcome: CheckOutcome, context: CheckContext): string {
  const { baseline, run } = context;
  const lines = [
    `### paybench check \`${run.scenario.name}\`: ${outcome.passed ? 'pass' : '**FAIL**'}`,
    '',
    `Run \`${run.runId}\` (${richTextToMarkdown(gitPhrase(run.environment))}, ${run.scenario.repeat} repeat(s)) against baseline \`${context.baselineFile}\` (run \`${baseline.source.runId}\`, ${richTextToMarkdown(gitPhrase(baseline))}, ${baseline.source.repeats} repeat(s), ${baseline.environment.cores} x ${baseline.environment.cpuModel}). Tracking: ${context.track}; ${METHOD}.`,
    '',
    `**${finalLine(outcome)}**`,
    '',
  ];
  if (outcome.runProblems.length > 0)
    lines.push('The run cannot pass:', '', ...outcome.runProblems.map((p) => `- ${p}`), '');
  if (outcome.scenarioDifferences.length > 0)
    lines.push(
      "The scenario differs from the baseline's:",
      '',
      ...outcome.scenarioDifferences.map((d) => `- ${d}`),
      '',
    );
  lines.push('| figure | baseline | now | change | limit | noise | verdict |', '|---|---:|---:|---:|---:|---|---|');
  for (const f of outcome.figures) {
    const [name, before, after, change, limit, noise] = cells(f, '');
    const verdict =
      f.verdict === 'regressed' || (f.verdict === 'missing' && f.gated) ? `**${verdictText(f)}**` : verdictText(f);
    lines.push(`| \`${name}\` | ${before} | ${after} | ${change} | ${limit} | ${noise} | ${verdict} |`);
  }
  return `${lines.join('\n')}\n`;
}

function cells(f: CheckedFigure, verdict: string): string[] {
  return [
    f.name,
    formatValue(f.before?.value, f.unit),
    formatValue(f.after?.value, f.unit),
    formatChange(f.change),
    f.gated ? formatThreshold(f.threshold?.percent, f.direction) : '-',
    f.noise?.text ?? '-',
    verdict,
  ];
}

function verdictText(f: CheckedFigure): string {
  const verdict =
    f.verdict === 'regressed' || (f.verdict === 'missing' && f.gated) ? f.verdict.toUpperCase() : f.verdict;
  return f.note ? `${verdict} (${f.note})` : verdict;
}

function header(outcome: CheckOutcome, context: CheckContext): string[] {
  const { baseline, run } = context;
  const env = run.environment;
  const lines = [
    `paybench check: run ${run.runId} (${context.runDir}) against baseline ${context.baselineFile}`,
    `  baseline: run ${baseline.source.runId}, ${plainText(gitPhrase(baseline))}, ${baseline.source.repeats} repeat(s), Node ${baseline.environment.node} on ${baseline.environment.cores} x ${baseline.environment.cpuModel}, made ${baseline.createdAt}`,
    `  this run: ${plainText(gitPhrase(env))}, ${run.scenario.repeat} repeat(s), Node ${env.node} on ${env.cores} x ${env.cpuModel}`,
    `  tracking: ${context.track}; ${METHOD}`,
  ];
  for (const difference of outcome.scenarioDifferences)
    lines.push(`  WARNING: the scenario differs from the baseline's: ${difference}`);
  for (const pattern of outcome.unusedPatterns)
    lines.push(`  WARNING: threshold pattern "${pattern}" matches no figure`);
  return lines;
}

/** One line that says it all: pass or fail, and what failed. */
export function finalLine(outcome: CheckOutcome): string {
  const count = (verdict: CheckedFigure['verdict']) => outcome.figures.filter((f) => f.verdict === verdict);
  const gated = outcome.figures.filter((f) => f.gated);
  const regressed = count('regressed');
  const missing = count('missing').filter((f) => f.gated);
  const unsure = outcome.figures.filter((f) => f.verdict === 'ok' && f.note !== null);
  const extras = [
    `${count('improved').length} improved`,
    `${unsure.length} beyond threshold but not beyond noise`,
    `${count('untracked').length} not gated`,
  ];
  if (count('new').length > 0) extras.push(`${count('new').length} new`);
  if (outcome.passed)
    return `paybench check: OK: ${gated.length} gated figures within threshold or noise (${extras.join(', ')})`;
  const reasons: string[] = [];
  if (regressed.length > 0)
    reasons.push(`${regressed.length} of ${gated.length} gated figures regressed: ${names(regressed, 10)}`);
  if (missing.length > 0) reasons.push(`${missing.length} gated figures missing from the run: ${names(missing, 3)}`);
  if (outcome.runProblems.length > 0)
    reasons.push(`the run is incomplete or has cells left out (${outcome.runProblems.length} problem(s) above)`);
  return `paybench check: FAIL: ${reasons.join('; ')} (${extras.join(', ')})`;
}

/** The first `max` names, and how many more the table shows. */
function names(figures: readonly CheckedFigure[], max: number): string {
  const shown = figures
    .slice(0, max)
    .map((f) => f.name)
    .join(', ');
  return figures.length > max ? `${shown} and ${figures.length - max} more (see the table)` : shown;
}
