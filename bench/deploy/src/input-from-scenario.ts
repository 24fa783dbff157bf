import type { Scenario } from '@paybench/bench-scenario';
import type { TopologySpec } from '@paybench/platform-topology';
import type { z } from 'zod';
import { DeployOptions, type DeployInput } from './deploy-input.js';

/**
 * A deployment's input from a scenario: its logging configuration `loggingName` (the forwarder's buffer and
 * `whenFull`, the logger), its population and its per-call deadline.
 */
export function deployInputFrom(args: {
  topology: TopologySpec;
  scenario: Scenario;
  loggingName: string;
  paymentOptionsJson: string;
  secrets: DeployInput['secrets'];
  options: z.input<typeof DeployOptions>;
}): DeployInput {
  const { scenario, loggingName } = args;
  const logging = scenario.logging.find((config) => config.name === loggingName);
  if (!logging) {
    const names = scenario.logging.map((config) => config.name).join(', ');
    throw new Error(`scenario ${scenario.name} has no logging configuration "${loggingName}": it has ${names}`);
  }
  return {
    topology: args.topology,
    logging,
    source: { scenario: scenario.name, logging: logging.name },
    population: { seed: scenario.seed, consumers: scenario.population },
    callTimeoutMs: scenario.timeout,
    paymentOptionsJson: args.paymentOptionsJson,
    secrets: args.secrets,
    options: DeployOptions.parse(args.options),
  };
}
