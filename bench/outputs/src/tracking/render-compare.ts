// What `paybench compare` prints: two runs side by side, figure by figure, with how far each
// figure moved and whether that is beyond the noise the runs show; or the same as JSON.
import type { RunResult } from '@paybench/bench-results';
import { renderHeader, renderRow, type Column } from '../text/text-table.js';
import { type Extraction, type FigurePair, NOISE_METHOD, type TrackedFigure } from '@paybench/bench-analysis';
import { gitPhrase, plainText } from '../tables/git-phrase.js';
import { formatChange, formatValue } from './format-figure.js';

export interface ComparedRun {
  run: RunResult;
  dir: string;
  extraction: Extraction;
}

export function renderCompareText(pairs: readonly FigurePair<TrackedFigure>[], a: ComparedRun, b: ComparedRun): string {
  const width = Math.min(72, Math.max(20, ...pairs.map((p) => p.name.length)));
  const columns: Column[] = [
    { title: 'figure', width, align: 'left' },
    { title: 'A', width: 12, align: 'right' },
    { title: 'B', width: 12, align: 'right' },
    { title: 'B/A', width: 7, align: 'right' },
    { title: 'noise', width: 28, align: 'left' },
    { title: 'reading', width: 10, align: 'left' },
  ];
  const lines = [
    `paybench compare: A = ${a.run.runId} (${a.dir}), B = ${b.run.runId} (${b.dir})`,
    describe('A', a),
    describe('B', b),
    `  B/A = change of each figure; noise: ${NOISE_METHOD}`,
  ];
  if (a.run.scenario.name !== b.run.scenario.name)
    lines.push(
      `  WARNING: different scenarios (${a.run.scenario.name}, ${b.run.scenario.name}): figures are compared by name only`,
    );
  lines.push('', renderHeader(columns));
  for (const pair of pairs) {
    lines.push(
      renderRow(columns, [
        pair.name,
        formatValue(pair.before?.value, pair.unit),
        formatValue(pair.after?.value, pair.unit),
        formatChange(pair.change),
        pair.noise?.text ?? '-',
        reading(pair),
      ]),
    );
  }
  const excluded = [
    ...a.extraction.excluded.map((c) => ['A', c] as const),
    ...b.extraction.excluded.map((c) => ['B', c] as const),
  ];
  if (excluded.length > 0)
    lines.push(
      '',
      'cells left out (their figures are missing above):',
      ...excluded.map(([side, c]) => `  ${side}: ${c.key} repeat ${c.repeat}: ${c.reasons.join('; ')}`),
    );
  const both = pairs.filter((p) => p.before && p.after);
  const beyond = both.filter((p) => p.noise?.beyond === true && p.change !== 1);
  lines.push(
    '',
    `${both.length} figures in both runs: ${beyond.filter((p) => p.worse).length} worse and ${beyond.filter((p) => p.worse === false).length} better beyond noise; ${pairs.length - both.length} in one run only`,
  );
  return `${lines.join('\n')}\n`;
}

function describe(side: string, { run, extraction }: ComparedRun): string {
  const env = run.environment;
  const valid = run.cells.length - extraction.excluded.length;
  return `  ${side}: scenario ${run.scenario.name}, ${valid} of ${run.cells.length} cells valid${run.complete ? '' : ', INCOMPLETE'}, ${plainText(gitPhrase(env))}, Node ${env.node} on ${env.cores} x ${env.cpuModel}`;
}

/** In words: which way the figure moved, and whether the runs' own scatter can explain it. */
function reading(pair: FigurePair): string {
  if (pair.before === null) return 'only in B';
  if (pair.after === null) return 'only in A';
  if (pair.change === 1) return 'same';
  const way = pair.worse ? 'worse' : 'better';
  if (pair.noise?.beyond === true) return `${way}, beyond noise`;
  if (pair.noise?.beyond === false) return 'within noise';
  return `${way}?, noise unknown`;
}

/** The comparison for machines: every pair with its numbers and noise evidence. */
export function compareJson(pairs: readonly FigurePair<TrackedFigure>[], a: ComparedRun, b: ComparedRun): string {
  const side = ({ run, dir, extraction }: ComparedRun) => ({
    runId: run.runId,
    dir,
    scenario: run.scenario.name,
    complete: run.complete,
    gitCommit: run.environment.gitCommit,
    excluded: extraction.excluded,
    skipped: extraction.skipped,
  });
  const figures = pairs.map((p) => ({
    name: p.name,
    kind: p.kind,
    unit: p.unit,
    direction: p.direction,
    a: p.before?.value ?? null,
    b: p.after?.value ?? null,
    change: p.change === Infinity ? 'from 0' : p.change,
    worse: p.worse,
    reading: reading(p),
    noise: p.noise && {
      basis: p.noise.basis,
      n: p.noise.n,
      beyond: p.noise.beyond,
      ...(p.noise.interval
        ? {
            interval: {
              low: p.noise.interval.low,
              high: p.noise.interval.high,
              confidence: p.noise.interval.confidence,
            },
          }
        : {}),
      ...(p.noise.test ? { mannWhitney: { u: p.noise.test.u, p: p.noise.test.p, method: p.noise.test.method } } : {}),
      text: p.noise.text,
    },
  }));
  return `${JSON.stringify({ schema: 'paybench/compare', version: 1, a: side(a), b: side(b), figures }, null, 2)}\n`;
}
