import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { EXIT } from '../exit-codes.js';
import { readRunResult, writeFileAtomic } from '@paybench/bench-results';
import { buildBaseline, extractFigures, serializeBaseline } from '@paybench/bench-analysis';
import { gitPhrase, plainText, shortPath } from '@paybench/bench-outputs';

interface BaselineOptions {
  out?: string;
  allowPartial?: boolean;
}

export function registerBaseline(program: Command): void {
  program
    .command('baseline')
    .description(
      'write a baseline for `check` from a run: its tracked figures with their samples, and the default thresholds',
    )
    .argument('<run-dir>', 'a run directory under results/ (or its result.json)')
    .option('-o, --out <file>', 'where to write it (default: results/baselines/<scenario>.json)')
    .option(
      '--allow-partial',
      'write it even when the run is incomplete or cells were left out (their figures will be missing)',
    )
    .addHelpText(
      'after',
      `
Examples:
  npm run paybench -- run quick --repeat 3
  npm run paybench -- baseline results/<timestamp>-quick --out results/baselines/quick.json

The file (schema paybench/baseline, version 1) holds one line per figure and per threshold;
edit the thresholds there, or override them per check with --thresholds.
Exit codes: 0 written, 1 unreadable or unfit run, 2 usage error.`,
    )
    .action((path: string, options: BaselineOptions) => {
      try {
        const { result } = readRunResult(path);
        const extraction = extractFigures(result);
        const problems = [
          ...(extraction.incomplete ? [extraction.incomplete] : []),
          ...extraction.excluded.map((c) => `${c.key} repeat ${c.repeat} left out: ${c.reasons.join('; ')}`),
        ];
        if (problems.length > 0 && !options.allowPartial) {
          process.stderr.write(
            `refusing to make a baseline of run ${result.runId} (rerun it, or pass --allow-partial):\n${problems.map((p) => `  - ${p}`).join('\n')}\n`,
          );
          process.exitCode = EXIT.failed;
          return;
        }
        if (extraction.figures.length === 0) throw new Error(`run ${result.runId} has no figure to track`);
        const file = resolve(options.out ?? join('results', 'baselines', `${result.scenario.name}.json`));
        mkdirSync(dirname(file), { recursive: true });
        const baseline = buildBaseline(result, extraction);
        writeFileAtomic(file, serializeBaseline(baseline));
        for (const problem of problems) process.stderr.write(`warning: ${problem}\n`);
        const ratios = baseline.figures.filter((f) => f.kind === 'ratio').length;
        process.stdout.write(
          `wrote ${shortPath(file)}: ${baseline.figures.length} figures (${ratios} ratios) of scenario ${baseline.scenario} from run ${result.runId} ` +
            `(${baseline.source.repeats} repeat(s), ${baseline.source.validCells} of ${result.cells.length} cells valid, ${plainText(gitPhrase(baseline))})\n`,
        );
      } catch (error) {
        process.stderr.write(`${(error as Error).message}\n`);
        process.exitCode = EXIT.failed;
      }
    });
}
