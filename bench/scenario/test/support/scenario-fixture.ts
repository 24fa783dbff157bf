// Scenario files for tests of the schema: one valid scenario, with the parts a test is about laid over it.
import { parseScenario } from '../../src/load-scenario.js';

/**
 * A valid scenario (one topology, one async logging configuration, an open load of 10 req/s for 20 s) with `parts`
 * in place of its own or beside them.
 */
export function validScenario(parts: Record<string, unknown>): Record<string, unknown> {
  return {
    name: 'fixture',
    description: 'x',
    topologies: ['monolith'],
    logging: [
      {
        name: 'a',
        logger: { mode: 'async' },
        driver: { mode: 'non-blocking' },
        forwarder: { whenFull: 'drop_newest' },
      },
    ],
    load: [{ kind: 'open', rate: 10 }],
    duration: '20s',
    ...parts,
  };
}

/** What parseScenario says is wrong with `raw`, read from `file`; '' when it takes it. */
export function scenarioProblems(raw: unknown, file: string): string {
  try {
    parseScenario(raw, file);
  } catch (error) {
    return (error as Error).message;
  }
  return '';
}
