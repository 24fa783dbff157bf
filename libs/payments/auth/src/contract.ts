import { defineContract, DomainError } from '@paybench/platform-contract';
import { z } from 'zod';

export const AuthenticateInput = z.object({ token: z.string().min(1).max(4096) });
export const Principal = z.object({
  consumerId: z.string(),
  market: z.string(),
  expiresAt: z.string(),
});
export type Principal = z.infer<typeof Principal>;

export const authContract = defineContract({
  name: 'auth',
  operations: {
    /** Verifies a consumer token (HMAC-SHA256 signature, expiry, consumer status). */
    authenticate: { input: AuthenticateInput, output: Principal, idempotent: true },
  },
});

export const authErrors = {
  invalidToken: (reason: string) =>
    new DomainError('invalid_token', 401, `consumer token is invalid: ${reason}`, { reason }),
  tokenExpired: (expiresAt: string) =>
    new DomainError('token_expired', 401, `consumer token expired at ${expiresAt}`, { expiresAt }),
  consumerBlocked: (consumerId: string) =>
    new DomainError('consumer_blocked', 401, `consumer ${consumerId} is blocked`, { consumerId }),
};
