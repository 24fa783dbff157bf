import { DEV_AUTH_SECRET, PopulationSettings } from '@paybench/payments-dataset';
import { z } from 'zod';

/** The deployment settings auth reads: the population it loads consumers from, and how it checks tokens. */
export const AuthSettings = PopulationSettings.extend({
  authSecret: z.string().min(1).default(DEV_AUTH_SECRET),
  /**
   * The longest a token may live (`exp - iat`), so a leaked token is not good forever. Not applied
   * under the published development secret: anyone can mint any token with it, so a cap would
   * protect nothing, and the committed example token (valid to 2099) must keep working.
   */
  maxTokenLifetimeSeconds: z.coerce
    .number()
    .int()
    .positive()
    .default(24 * 60 * 60),
});
export type AuthSettings = z.infer<typeof AuthSettings>;
