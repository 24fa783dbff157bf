import { appendFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { EXIT } from '../exit-codes.js';
import { readRunResult } from '@paybench/bench-results';
import {
  assertSameScenario,
  checkAgainstBaseline,
  extractFigures,
  newestRunOf,
  readBaseline,
  readThresholdsFile,
  type Track,
} from '@paybench/bench-analysis';
import { renderCheckMarkdown, renderCheckText, shortPath, writeGithubBenchmark } from '@paybench/bench-outputs';

interface CheckOptions {
  baseline: string;
  results: string;
  thresholds?: string;
  track: Track;
  markdown?: boolean;
  summaryMd?: string;
  githubBenchmark?: string;
}

/** A baseline of another scenario: the arguments do not go together (exit 2, as for any usage error). */
class ScenarioMismatch extends Error {}

export function registerCheck(program: Command): void {
  program
    .command('check')
    .description('gate a run on a baseline: fail when a tracked figure got worse beyond its threshold and beyond noise')
    .argument('[run-dir]', "the run to check (default: the newest run of the baseline's scenario under --results)")
    .requiredOption(
      '-b, --baseline <file>',
      'a baseline written by `paybench baseline`, e.g. results/baselines/quick.json',
    )
    .option('--results <dir>', 'where to look for the newest run when no run-dir is given', 'results')
    .option(
      '--thresholds <file>',
      'JSON or YAML mapping figure-name patterns (* = any characters) to allowed worsening in percent, or null for "not gated"; ahead of the baseline\'s own',
    )
    .addOption(
      new Option(
        '--track <kind>',
        'which figures gate: ratios between topologies/logging configurations, absolute figures, or all',
      )
        .choices(['ratios', 'absolute', 'all'])
        .default('all'),
    )
    .option('--markdown', 'print the table as Markdown instead of text')
    .option('--summary-md <file>', 'also append the Markdown table to this file (e.g. "$GITHUB_STEP_SUMMARY")')
    .option(
      '--github-benchmark <prefix>',
      "also write the run's figures for github-action-benchmark: <prefix>-smaller.json and <prefix>-bigger.json",
    )
    .addHelpText(
      'after',
      `
Examples:
  npm run paybench -- check --baseline results/baselines/quick.json
  npm run paybench -- check --baseline results/baselines/quick.json results/<timestamp>-quick --track ratios
  npm run paybench -- check -b results/baselines/quick.json --thresholds my-thresholds.yaml \\
      --summary-md "$GITHUB_STEP_SUMMARY" --github-benchmark paybench

Thresholds file: { "ratio/*": 20, "*/whole/p99_ms": 80, "*/stall/*": null } (first match wins).
Exit codes: 0 no tracked figure regressed; 1 a figure regressed, a gated figure is missing, the
run is incomplete or has invalid cells, or a file cannot be read; 2 usage error, including a
baseline of another scenario.`,
    )
    .action((runPath: string | undefined, options: CheckOptions) => {
      try {
        process.exitCode = check(runPath, options);
      } catch (error) {
        process.stderr.write(`${(error as Error).message}\n`);
        process.exitCode = error instanceof ScenarioMismatch ? EXIT.usage : EXIT.failed;
      }
    });
}

function check(runPath: string | undefined, options: CheckOptions): number {
  const baseline = readBaseline(options.baseline);
  const overrides = options.thresholds ? readThresholdsFile(options.thresholds) : [];
  const { result: run, dir } = readRunResult(runPath ?? newestRunOf(baseline.scenario, options.results));
  try {
    assertSameScenario(baseline, run, options.baseline);
  } catch (error) {
    throw new ScenarioMismatch((error as Error).message);
  }
  const extraction = extractFigures(run);
  const outcome = checkAgainstBaseline(baseline, run, extraction, { track: options.track, overrides });
  const context = { baseline, baselineFile: options.baseline, run, runDir: shortPath(dir), track: options.track };
  process.stdout.write(options.markdown ? renderCheckMarkdown(outcome, context) : renderCheckText(outcome, context));
  if (options.summaryMd) appendFileSync(options.summaryMd, `${renderCheckMarkdown(outcome, context)}\n`);
  if (options.githubBenchmark) {
    for (const file of writeGithubBenchmark(options.githubBenchmark, extraction, options.track))
      process.stderr.write(`wrote ${file}\n`);
  }
  return outcome.passed ? EXIT.ok : EXIT.failed;
}
