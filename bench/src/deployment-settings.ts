import { DEV_AUTH_SECRET } from '@paybench/payments-dataset';

export interface DeploymentOptions {
  seed: number;
  consumers: number;
}

/**
 * Settings every process of a deployment receives. The token secret comes from
 * PAYBENCH_AUTH_SECRET when set; the default is a published development secret, so the
 * example request in examples/ works against a fresh start.
 */
export function deploymentSettings(options: DeploymentOptions): Record<string, string | number> {
  return {
    seed: options.seed,
    consumers: options.consumers,
    authSecret: process.env['PAYBENCH_AUTH_SECRET'] || DEV_AUTH_SECRET,
  };
}
