import { describeZodError } from '@paybench/platform-contract';
import type { Settings } from '@paybench/platform-host';
import { z } from 'zod';

/** The deployment settings funding reads; numbers may arrive as strings from the environment. */
const FundingSettings = z.object({
  seed: z.coerce.number().int().default(42),
  consumers: z.coerce.number().int().nonnegative().default(1000),
});
export type FundingSettings = z.infer<typeof FundingSettings>;

export function parseFundingSettings(settings: Settings): FundingSettings {
  const result = FundingSettings.safeParse(settings);
  if (!result.success) throw new Error(`funding: invalid settings: ${describeZodError(result.error)}`);
  return result.data;
}
