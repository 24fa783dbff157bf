// Finds the run `check` should look at when none is named: the newest run of the baseline's
// scenario. Run directories are named <timestamp>-<scenario>, so the newest sorts last.
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** A run id: the start time (ISO 8601, ':' and '.' made '-', whole seconds) and the scenario name. */
const RUN_ID = /^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z-(.+)$/;

export function newestRunOf(scenario: string, resultsDir: string): string {
  const root = resolve(resultsDir);
  const entries = existsSync(root) ? readdirSync(root, { withFileTypes: true }) : [];
  const runs = entries
    .filter((e) => e.isDirectory() && RUN_ID.exec(e.name)?.[1] === scenario && existsSync(join(root, e.name, 'result.json')))
    .map((e) => e.name)
    .sort();
  const newest = runs.at(-1);
  if (newest === undefined) {
    throw new Error(`no run of scenario "${scenario}" under ${root}: run \`npm run paybench -- run ${scenario}\` first, or name a run directory`);
  }
  return join(root, newest);
}
