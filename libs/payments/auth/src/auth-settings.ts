import { describeZodError } from '@paybench/platform-contract';
import type { Settings } from '@paybench/platform-host';
import { DEV_AUTH_SECRET } from '@paybench/payments-dataset';
import { z } from 'zod';

/** The deployment settings auth reads; numbers may arrive as strings from the environment. */
const AuthSettings = z.object({
  seed: z.coerce.number().int().default(42),
  consumers: z.coerce.number().int().nonnegative().default(1000),
  authSecret: z.string().min(1).default(DEV_AUTH_SECRET),
});
export type AuthSettings = z.infer<typeof AuthSettings>;

export function parseAuthSettings(settings: Settings): AuthSettings {
  const result = AuthSettings.safeParse(settings);
  if (!result.success) throw new Error(`auth: invalid settings: ${describeZodError(result.error)}`);
  return result.data;
}
