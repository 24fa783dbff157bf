import type { Command } from 'commander';
import { EXIT } from '../exit-codes.js';
import { readRunResult } from '../results/read-result.js';
import { writeReports } from '../results/write-reports.js';
import { renderTerminalSummary } from '../summary/index.js';

export function registerReport(program: Command): void {
  program
    .command('report')
    .description("regenerate a run's summaries (terminal table and summary.md) from its result.json")
    .argument('<run-dir>', 'a run directory under results/ (or its result.json)')
    .addHelpText('after', '\nExample:\n  npm run paybench -- report results/2026-11-22T06-10-49Z-incident')
    .action((path: string) => {
      try {
        const { result, dir } = readRunResult(path);
        process.stdout.write(`${renderTerminalSummary(result)}\n`);
        for (const file of writeReports(result, dir)) process.stdout.write(`wrote ${file}\n`);
      } catch (error) {
        process.stderr.write(`${(error as Error).message}\n`);
        process.exitCode = EXIT.failed;
      }
    });
}
