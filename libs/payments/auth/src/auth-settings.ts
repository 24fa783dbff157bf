import { describeZodError } from '@paybench/platform-contract';
import type { Settings } from '@paybench/platform-host';
import { DEV_AUTH_SECRET } from '@paybench/payments-dataset';
import { z } from 'zod';

/** The deployment settings auth reads; numbers may arrive as strings from the environment. */
const AuthSettings = z.object({
  seed: z.coerce.number().int().default(42),
  consumers: z.coerce.number().int().nonnegative().default(1000),
  authSecret: z.string().min(1).default(DEV_AUTH_SECRET),
  /**
   * The longest a token may live (`exp - iat`), so a leaked token is not good forever. Not applied
   * under the published development secret: anyone can mint any token with it, so a cap would
   * protect nothing, and the committed example token (valid to 2099) must keep working.
   */
  maxTokenLifetimeSeconds: z.coerce.number().int().positive().default(24 * 60 * 60),
});
export type AuthSettings = z.infer<typeof AuthSettings>;

export function parseAuthSettings(settings: Settings): AuthSettings {
  const result = AuthSettings.safeParse(settings);
  if (!result.success) throw new Error(`auth: invalid settings: ${describeZodError(result.error)}`);
  return result.data;
}
