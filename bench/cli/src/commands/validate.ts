import type { Command } from 'commander';
import { EXIT } from '../exit-codes.js';
import { formatDuration, loadScenario, planCells } from '@paybench/bench-scenario';

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('check a scenario file and show the cells it would run')
    .argument('<scenario|file>', 'a built-in scenario name or a YAML/JSON file')
    .addHelpText(
      'after',
      '\nExamples:\n  npm run paybench -- validate incident\n  npm run paybench -- validate ./my-scenario.yaml',
    )
    .action((nameOrFile: string) => {
      try {
        const { scenario, file } = loadScenario(nameOrFile);
        const cells = planCells(scenario);
        process.stdout.write(
          `${file}: valid. ${cells.length} cells of ${formatDuration(scenario.duration)} (+${formatDuration(scenario.warmup)} warm-up):\n`,
        );
        for (const cell of cells) process.stdout.write(`  ${cell.key} (repeat ${cell.repeat})\n`);
      } catch (error) {
        process.stderr.write(`${(error as Error).message}\n`);
        process.exitCode = EXIT.failed;
      }
    });
}
