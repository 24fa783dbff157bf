// Finds the run `check` should look at when none is named: the newest run of the baseline's
// scenario. Run directories are named by their run id (see create-run-dir.ts).
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { compareRunIds, RUN_ID } from '@paybench/bench-results';

export function newestRunOf(scenario: string, resultsDir: string): string {
  const root = resolve(resultsDir);
  const entries = existsSync(root) ? readdirSync(root, { withFileTypes: true }) : [];
  const runs = entries
    .filter(
      (e) => e.isDirectory() && RUN_ID.exec(e.name)?.[3] === scenario && existsSync(join(root, e.name, 'result.json')),
    )
    .map((e) => e.name)
    .sort(compareRunIds);
  const newest = runs.at(-1);
  if (newest === undefined) {
    throw new Error(
      `no run of scenario "${scenario}" under ${root}: run \`npm run paybench -- run ${scenario}\` first, or name a run directory`,
    );
  }
  return join(root, newest);
}
