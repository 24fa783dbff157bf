import { join } from 'node:path';
import type { Command } from 'commander';
import { EXIT } from '../exit-codes.js';
import { readRunResult } from '@paybench/bench-results';
import { describeWritten, renderTerminalSummary, writeReports } from '@paybench/bench-outputs';

export function registerReport(program: Command): void {
  program
    .command('report')
    .description(
      "regenerate a run's summaries from its result.json: the terminal table, summary.md, and report.html with its charts (charts/*.svg)",
    )
    .argument('<run-dir>', 'a run directory under results/ (or its result.json)')
    .addHelpText(
      'after',
      `
Writes into the run directory:
  summary.md     verdicts and tables, for a pull request or $GITHUB_STEP_SUMMARY
  report.html    one self-contained page (opens offline, no JavaScript): verdicts, per-second
                 timelines with the fault phases, latency distributions, topology comparisons,
                 failure propagation, the CPU breakdown of a profiled run, run metadata
  charts/*.svg   every chart of report.html as its own SVG file

Example:
  npm run paybench -- report results/2026-11-22T06-10-49Z-incident`,
    )
    .action((path: string) => {
      try {
        const { result, dir } = readRunResult(path);
        process.stdout.write(`${renderTerminalSummary(result)}\n`);
        for (const file of describeWritten(writeReports(result, dir), dir))
          process.stdout.write(`wrote ${join(dir, file)}\n`);
      } catch (error) {
        process.stderr.write(`${(error as Error).message}\n`);
        process.exitCode = EXIT.failed;
      }
    });
}
