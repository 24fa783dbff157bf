import type { RunResult } from '@paybench/bench-results';

/** "How measured" for a run on an external target: where its CPU and RSS come from instead of /proc. */
export const EXTERNAL_MEASUREMENT_NOTE =
  "External target: the runner is not the processes' parent, so CPU and RSS come from each process's own GET " +
  '/stats/sample (process.cpuUsage, memoryUsage.rss) instead of /proc; no log-driver counters, no log accounting, ' +
  'no payment reconciliation.';

/**
 * What a reader of a `run --target` result must know first: which deployment it drove (started by someone else),
 * how its figures differ from a local run's, and each cell refused there with the reason. Nothing for a local run.
 */
export function externalLines(run: RunResult): string[] {
  const { external } = run;
  if (!external) return [];
  return [
    `external target: ${external.description} (${external.targetFile}); the runner started none of its processes: ` +
      "CPU and RSS from each process's own /stats/sample (not /proc), no log accounting, no payment reconciliation",
    ...external.refused.map(({ key, reason }) => `refused on the target: ${key}: ${reason}`),
  ];
}
