import type { DomainError } from '@paybench/platform-contract';
import type { Logger } from '@paybench/platform-logging';
import { decodeConsumerToken } from '@paybench/payments-dataset';
import { authErrors, type Principal } from './contract.js';
import type { ConsumerDirectory } from './consumer-directory.js';

export interface AuthenticateDependencies {
  directory: ConsumerDirectory;
  secret: string;
  logger: Logger;
}

/**
 * Admits the holder of a consumer token: a valid signature, an unexpired token, a known
 * consumer who is not blocked. The market comes from auth's own records, not the token.
 * Logs one line per call, whether the consumer is admitted or refused.
 */
export function createAuthenticate({ directory, secret, logger }: AuthenticateDependencies) {
  const refuse = (error: DomainError): DomainError => {
    logger.info({ step: 'authenticate', code: error.code, ...error.details }, 'consumer refused');
    return error;
  };

  return async ({ token }: { token: string }): Promise<Principal> => {
    const decoded = decodeConsumerToken(token, secret);
    if (!decoded.ok) throw refuse(authErrors.invalidToken(decoded.reason));
    const { sub: consumerId, exp } = decoded.claims;
    const expiresAt = new Date(exp * 1000).toISOString();
    if (exp * 1000 <= Date.now()) throw refuse(authErrors.tokenExpired(expiresAt));
    const consumer = directory.find(consumerId);
    if (!consumer) throw refuse(authErrors.invalidToken('unknown consumer'));
    if (consumer.status !== 'active') throw refuse(authErrors.consumerBlocked(consumerId));
    logger.info({ step: 'authenticate', consumerId }, 'consumer authenticated');
    return { consumerId, market: consumer.market, expiresAt };
  };
}
