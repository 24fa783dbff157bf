import type { Command } from 'commander';
import { builtInScenarioNames, formatDuration, loadScenario, planCells } from '@paybench/bench-scenario';

export function registerList(program: Command): void {
  program
    .command('list')
    .description('list the built-in scenarios')
    .addHelpText('after', '\nExample:\n  npm run paybench -- list')
    .action(() => {
      const names = builtInScenarioNames();
      // The widest name sets the column (slow-dependency is 15 characters).
      const width = Math.max(14, ...names.map((n) => n.length));
      for (const name of names) {
        const { scenario } = loadScenario(name);
        const cells = planCells(scenario).length;
        process.stdout.write(
          `${name.padEnd(width)} ${scenario.description}\n${''.padEnd(width)} ${cells} cells x ${formatDuration(scenario.duration)}\n`,
        );
      }
    });
}
