// A summarised CPU profile for tests of what renders the breakdown: categories in µs, the busy
// total their sum (the invariant a real summary keeps), a 10 s window sampled every 1 ms.
import { CPU_CATEGORIES, type CpuCategory, type ProcessCpuProfile } from '@paybench/bench-profile';

export function cpuProfile(
  process: string,
  categories: Partial<Record<CpuCategory, number>>,
  error: string | null = null,
): ProcessCpuProfile {
  const full = Object.fromEntries(CPU_CATEGORIES.map((c) => [c, categories[c] ?? 0])) as Record<CpuCategory, number>;
  const busyUs = CPU_CATEGORIES.reduce((sum, c) => sum + full[c], 0);
  return {
    process,
    modules: [process],
    file: error ? null : `profiles/x/${process}.cpuprofile`,
    samplingIntervalUs: 1000,
    fromMs: 0,
    toMs: 10_000,
    samples: 10_000,
    busySamples: busyUs / 1000,
    durationUs: 10_000_000,
    busyUs,
    busySource: 'thread-cpu',
    idleUs: 10_000_000 - busyUs,
    processCpuUs: busyUs + 100_000,
    categories: full,
    top: error
      ? []
      : [
          {
            functionName: 'assess',
            url: 'libs/payments/risk/dist/risk-module.js',
            line: 3,
            category: 'business',
            selfUs: full.business,
          },
        ],
    error,
  };
}
