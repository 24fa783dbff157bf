import type { DomainError } from '@paybench/platform-contract';
import type { Logger } from '@paybench/platform-logging';
import { decodeConsumerToken, DEV_AUTH_SECRET } from '@paybench/payments-dataset';
import { authErrors, type Principal } from './contract.js';
import type { ConsumerDirectory } from './consumer-directory.js';

export interface AuthenticateDependencies {
  directory: ConsumerDirectory;
  secret: string;
  /** Longest accepted `exp - iat`; not applied under the published development secret (see auth-settings.ts). */
  maxTokenLifetimeSeconds: number;
  logger: Logger;
}

/**
 * Admits the holder of a consumer token: a valid signature, a lifetime within the cap, an
 * unexpired token, a known consumer who is not blocked. The market comes from auth's own records,
 * not the token. Logs one line per call, whether the consumer is admitted or refused.
 */
export function createAuthenticate({ directory, secret, maxTokenLifetimeSeconds, logger }: AuthenticateDependencies) {
  // Anyone can sign any token with the published secret, whatever its lifetime: a cap would protect nothing.
  const lifetimeCap = secret === DEV_AUTH_SECRET ? Infinity : maxTokenLifetimeSeconds;
  const refuse = (error: DomainError): DomainError => {
    logger.info({ step: 'authenticate', code: error.code, ...error.details }, 'consumer refused');
    return error;
  };

  return async ({ token }: { token: string }): Promise<Principal> => {
    const decoded = decodeConsumerToken(token, secret);
    if (!decoded.ok) throw refuse(authErrors.invalidToken(decoded.reason));
    const { sub: consumerId, iat, exp } = decoded.claims;
    if (exp - iat > lifetimeCap) throw refuse(authErrors.invalidToken(`lifetime over ${lifetimeCap} s`));
    const expiresAt = new Date(exp * 1000).toISOString();
    if (exp * 1000 <= Date.now()) throw refuse(authErrors.tokenExpired(expiresAt));
    const consumer = directory.find(consumerId);
    if (!consumer) throw refuse(authErrors.invalidToken('unknown consumer'));
    if (consumer.status !== 'active') throw refuse(authErrors.consumerBlocked(consumerId));
    logger.info({ step: 'authenticate', consumerId }, 'consumer authenticated');
    return { consumerId, market: consumer.market, expiresAt };
  };
}
