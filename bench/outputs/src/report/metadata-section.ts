import { Document, isCollection, visit } from 'yaml';
import type { CellSummary, RunResult } from '@paybench/bench-results';
import { FIGURE_NOTES, floorLines, MEASUREMENT_NOTES, type RichText } from '@paybench/bench-analysis';
import { gitPhrase } from '../tables/git-phrase.js';
import { EXTERNAL_MEASUREMENT_NOTE, externalLines } from '../text/external-lines.js';
import { escapeHtml, richTextToHtml } from './html-text.js';

/**
 * Where and how the run was made (environment, pinning, commit, the scenario exactly as it ran)
 * and how each figure was measured: what a reviewer needs to judge whether two reports compare.
 */
export function metadataSection(run: RunResult, summaries: readonly CellSummary[]): string {
  const env = run.environment;
  const wallMs = Date.parse(run.finishedAt) - Date.parse(run.startedAt);
  const rows: [string, string | RichText][] = [
    ['run', run.runId],
    // A built-in load has a parenthesised description instead of a file name.
    [
      'scenario',
      run.scenarioFile.startsWith('(')
        ? `${run.scenario.name} ${run.scenarioFile}`
        : `${run.scenario.name} (${run.scenarioFile})`,
    ],
    [
      'started, finished',
      `${run.startedAt}, ${run.finishedAt}${Number.isFinite(wallMs) ? ` (${Math.round(wallMs / 1000)} s)` : ''}`,
    ],
    ['outcome', run.complete ? 'complete' : `INCOMPLETE${run.interruption ? ` (${run.interruption})` : ''}`],
    ['Node', env.node],
    [
      'machine',
      `${env.cores} x ${env.cpuModel}, ${(env.memoryBytes / 2 ** 30).toFixed(1)} GiB, ${env.platform} ${env.kernel}${env.ci ? ', CI' : ''}`,
    ],
    ['CPU pinning', env.pinning.note],
    ...floorLines(run, summaries).map((line): [string, string] => [
      'machine floor',
      line.replace(/^machine floor:? /, ''),
    ]),
    ...externalLines(run).map((line): [string, string] => [
      line.startsWith('refused') ? 'refused cell' : 'external target',
      line.replace(/^(external target|refused on the target): /, ''),
    ]),
    // The whole commit here, where a reader copies it; every other header cuts it to 10 characters.
    ['commit', gitPhrase(env, true)],
    ['SLO, timeout', `p99 <= ${run.scenario.slo.p99Ms} ms; request timeout ${run.scenario.timeout} ms`],
    [
      'window',
      `${run.scenario.duration / 1000} s measured after ${run.scenario.warmup / 1000} s warm-up; ${run.scenario.repeat} repeat(s), interleaved; seed ${run.scenario.seed}`,
    ],
  ];
  const table = `<table class="meta"><tbody>${rows.map(([k, v]) => `<tr><th scope="row">${escapeHtml(k)}</th><td>${typeof v === 'string' ? escapeHtml(v) : richTextToHtml(v)}</td></tr>`).join('')}</tbody></table>`;
  const notes = [
    ...[...MEASUREMENT_NOTES, ...FIGURE_NOTES].map((note) => `<li>${richTextToHtml(note)}</li>`),
    ...(run.external ? [`<li>${escapeHtml(EXTERNAL_MEASUREMENT_NOTE)}</li>`] : []),
  ].join('');
  return [
    '<section id="metadata"><h2>Run metadata</h2>',
    `<div class="meta-grid">${table}<details open><summary>Scenario as it ran (after command-line overrides)</summary><pre>${escapeHtml(compactYaml(run.scenario))}</pre></details></div>`,
    '</section>',
    `<section id="how-measured"><h2>How each figure was measured</h2><ul>${notes}</ul>`,
    '<p class="unit">The raw data behind every figure (per-second HDR histograms, process samples, log accounting) is in <code>result.json</code> next to this file; <code>paybench report &lt;run-dir&gt;</code> regenerates this report from it.</p></section>',
  ].join('\n');
}

/** YAML as the scenario files are written: small maps and lists on one line (`logger: { mode: sync }`). */
function compactYaml(value: unknown): string {
  const doc = new Document(value);
  visit(doc, {
    Node(_, node) {
      if (isCollection(node) && JSON.stringify(node.toJSON()).length <= 72) node.flow = true;
    },
  });
  return doc.toString({ lineWidth: 0 });
}
