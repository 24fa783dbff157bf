// The system tests, in two groups that never overlap (sequence.groupOrder: vitest runs one group to its end before
// the next starts):
// - "measured": the files that measure performance or assert a run's validity (exit 0 of `paybench run`, the
//   generator's lag rule included). They need the machine to themselves: one at a time.
// - "mechanisms": the files that check mechanisms only (counts, codes, what a process does), never a timing nor a
//   run's validity. They run side by side, PORT_LANES (3) at most, each worker on port blocks of its own
//   (test/support/ports.ts); most of their time is spent waiting on processes. run-target.test.ts runs paybench
//   there: against a deployment on 14 000-15 800, away from the lanes, and it accepts a cell invalid by the lag rule
//   alone. reconciliation.test.ts asserts counts too, but stays "measured": beside other files its first run once
//   never ended (its runner spun at 60% of a core for minutes after the test's 120 s timeout, its topology gone).
// A new file joins "measured" unless it is listed below.
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import type { ViteUserConfig } from 'vitest/config';
import { defineProjectConfig } from '../../vitest.shared.ts';
import { PORT_LANES } from './test/support/ports.ts';

// Longest first (alone on a 2-core machine: supervisor ~15 s, run-target ~11 s, ~8 s each for the next six, less for
// the rest; side by side, the group takes ~40-50 s), so that the group ends with short files. The log pipeline's and
// syslog-ng's files are "measured" although they only count: they keep both cores busy for tens of seconds and wait up
// to 60 s for a buffer to fill, which beside other files took 40 s of those 60 (log-pipeline microservices case 3:
// 15 s alone).
const MECHANISM_FILES = [
  'supervisor',
  'run-target',
  'resilience',
  'internal-listeners',
  'deadline',
  'supervisor-faults',
  'module-faults',
  'contract',
  'link-faults',
  'malformed-requests',
  'wrong-node',
].map((name) => `test/${name}.test.ts`);

/** Vitest's order (the groups, the measured files by their last durations), the mechanism files in the list's order. */
class LongestMechanismsFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (spec: TestSpecification) => MECHANISM_FILES.findIndex((file) => spec.moduleId.endsWith(file));
    const sorted = await super.sort(files);
    const mechanisms = sorted.filter((spec) => rank(spec) >= 0).sort((a, b) => rank(a) - rank(b));
    return sorted.map((spec) => (rank(spec) >= 0 ? (mechanisms.shift() as TestSpecification) : spec));
  }
}

const base = defineProjectConfig(import.meta.dirname, { e2e: true });

function project(test: NonNullable<ViteUserConfig['test']>): ViteUserConfig {
  return { ...base, test: { ...base.test, ...test } };
}

export default {
  ...base,
  test: {
    ...base.test,
    sequence: { sequencer: LongestMechanismsFirst },
    projects: [
      project({ name: 'measured', exclude: [...(base.test?.exclude ?? ['**/node_modules/**']), ...MECHANISM_FILES] }),
      project({
        name: 'mechanisms',
        include: MECHANISM_FILES,
        fileParallelism: true,
        maxWorkers: PORT_LANES,
        sequence: { groupOrder: 1 },
      }),
    ],
  },
} satisfies ViteUserConfig;
