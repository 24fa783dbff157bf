import { Option, type Command } from 'commander';
import { EXIT } from '../exit-codes.js';
import { readRunResult } from '@paybench/bench-results';
import { extractFigures, pairFigures, type Track, tracks } from '@paybench/bench-analysis';
import { compareJson, renderCompareText, type ComparedRun } from '@paybench/bench-outputs';

interface CompareOptions {
  json?: boolean;
  track: Track;
}

export function registerCompare(program: Command): void {
  program
    .command('compare')
    .description(
      "compare two runs figure by figure: the change, and whether it is beyond the noise of the runs' own repeats",
    )
    .argument('<run-a>', 'the reference run: a run directory (or its result.json)')
    .argument('<run-b>', 'the run to compare with it')
    .option('--json', 'print the comparison as JSON (schema paybench/compare)')
    .addOption(
      new Option('--track <kind>', 'which figures to show').choices(['ratios', 'absolute', 'all']).default('all'),
    )
    .addHelpText(
      'after',
      `
Examples:
  npm run paybench -- compare results/2026-11-22T06-22-00Z-quick results/2026-11-23T09-10-00Z-quick
  npm run paybench -- compare <run-a> <run-b> --track ratios --json > comparison.json

Informative: exits 0 whatever moved, 1 when a run cannot be read, 2 on a usage error.`,
    )
    .action((pathA: string, pathB: string, options: CompareOptions) => {
      try {
        const load = (path: string): ComparedRun => {
          const { result, dir } = readRunResult(path);
          return { run: result, dir, extraction: extractFigures(result) };
        };
        const a = load(pathA);
        const b = load(pathB);
        const pairs = pairFigures(
          a.extraction.figures.filter((f) => tracks(options.track, f.kind)),
          b.extraction.figures.filter((f) => tracks(options.track, f.kind)),
        );
        process.stdout.write(options.json ? compareJson(pairs, a, b) : renderCompareText(pairs, a, b));
      } catch (error) {
        process.stderr.write(`${(error as Error).message}\n`);
        process.exitCode = EXIT.failed;
      }
    });
}
