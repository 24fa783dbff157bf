import { parseScenario, type Scenario } from '@paybench/bench-scenario';

/** What `paybench profile` runs without a scenario: named in result.json as the scenario file. */
export const DEFAULT_PROFILE_SCENARIO_FILE = '(built-in default load of paybench profile)';

/**
 * The short default load of `paybench profile`: both built-in topologies under the same healthy
 * open-loop load (the architecture scenario's `fixed` logging configuration, no fault), long
 * enough for a few thousand samples per busy process and stable per-request figures.
 */
export function defaultProfileScenario(): Scenario {
  return parseScenario(
    {
      name: 'profile',
      description: 'where the CPU goes: both topologies under the same healthy load, profiled',
      topologies: ['monolith', 'microservices'],
      logging: [
        {
          name: 'fixed',
          logger: { mode: 'sync' },
          driver: { mode: 'non-blocking', maxBufferBytes: 1048576 },
          forwarder: { whenFull: 'drop_newest', maxEvents: 500 },
        },
      ],
      load: [{ kind: 'open', rate: 50 }],
      duration: '15s',
      warmup: '3s',
      mix: { checkout: 80, orderStatus: 20 },
      timeout: '2s',
      slo: { p99Ms: 250 },
      population: 2000,
    },
    DEFAULT_PROFILE_SCENARIO_FILE,
  );
}
