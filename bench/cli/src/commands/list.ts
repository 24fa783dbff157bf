import type { Command } from 'commander';
import { builtInScenarioNames, formatDuration, loadScenario, planCells } from '@paybench/bench-scenario';

export function registerList(program: Command): void {
  program
    .command('list')
    .description('list the built-in scenarios')
    .addHelpText('after', '\nExample:\n  npm run paybench -- list')
    .action(() => {
      for (const name of builtInScenarioNames()) {
        const { scenario } = loadScenario(name);
        const cells = planCells(scenario).length;
        process.stdout.write(
          `${name.padEnd(14)} ${scenario.description}\n${''.padEnd(14)} ${cells} cells x ${formatDuration(scenario.duration)}\n`,
        );
      }
    });
}
