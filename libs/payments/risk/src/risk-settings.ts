import type { Settings } from '@paybench/platform-host';
import { z } from 'zod';

/**
 * The deployment settings risk reads. Coerced, because a microservice gets them from its
 * environment as strings while the monolith may pass numbers.
 */
const RiskSettings = z.object({
  /** Seed of the test population: every process must derive the same consumers from it. */
  seed: z.coerce.number().int().default(42),
  /** How many consumers of the population to load risk profiles for. */
  consumers: z.coerce.number().int().nonnegative().default(1000),
});
export type RiskSettings = z.infer<typeof RiskSettings>;

export function parseRiskSettings(settings: Settings): RiskSettings {
  const parsed = RiskSettings.safeParse(settings);
  if (!parsed.success) throw new Error(`risk settings are invalid: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
