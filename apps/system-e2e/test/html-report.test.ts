// report.html as a reviewer sees it: opened from disk in a real Chromium, without network, for the run CI names in
// PAYBENCH_REPORT_RUN_DIR (.ci/run, after running the quick scenario). In `npm test` the same assertions are made
// on the report of bench-run.test.ts's complete run (both topologies, fault phases, broken logging at open-40): a
// run of its own here would cost a further two cells (~20 s) to check what that run's report already shows.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'vitest';
import { expectReportDrawn } from './support/expect-report-drawn.js';

const given = process.env['PAYBENCH_REPORT_RUN_DIR'];

describe.skipIf(!given)('report.html of PAYBENCH_REPORT_RUN_DIR in Chromium', () => {
  it('opens offline without errors, draws every chart with data, and leads with the verdicts', async () => {
    const dir = resolve(given as string);
    if (!existsSync(join(dir, 'report.html')))
      throw new Error(`PAYBENCH_REPORT_RUN_DIR=${given} has no report.html: run \`paybench report ${given}\` first`);
    await expectReportDrawn(dir);
  });
});
