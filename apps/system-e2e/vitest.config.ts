// The system tests, in two groups that never overlap (sequence.groupOrder: vitest runs one group to its end before
// the next starts):
// - "measured": the files that measure performance, pin CPUs (keepOffTheGeneratorsCpus) or assert a run's validity
//   (exit 0 of `paybench run`, the generator's lag rule included). They need the machine to themselves: one at a time.
// - "mechanisms": the files that check mechanisms only (counts, codes, what a process does), never a timing finer
//   than "within tens of seconds" nor a run's validity. They run side by side, PORT_LANES (3) at most, each worker on
//   port blocks of its own (test/support/ports.ts); most of their time is spent waiting on processes.
// A new file joins "measured" unless it is listed below.
import type { ViteUserConfig } from 'vitest/config';
import { defineProjectConfig } from '../../vitest.shared.ts';
import { PORT_LANES } from './test/support/ports.ts';

const MECHANISM_FILES = [
  'contract',
  'deadline',
  'internal-listeners',
  'link-faults',
  'log-pipeline-microservices',
  'log-pipeline-monolith',
  'malformed-requests',
  'module-faults',
  'resilience',
  'supervisor',
  'supervisor-faults',
  'syslog-ng-forwarder',
  'wrong-node',
].map((name) => `test/${name}.test.ts`);

const base = defineProjectConfig(import.meta.dirname, { e2e: true });

function project(test: NonNullable<ViteUserConfig['test']>): ViteUserConfig {
  return { ...base, test: { ...base.test, ...test } };
}

export default {
  ...base,
  test: {
    ...base.test,
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
