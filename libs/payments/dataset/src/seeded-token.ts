import { consumerAt, type ConsumerSeed } from './consumers.js';
import { mintConsumerToken } from './consumer-token.js';
import { DEV_AUTH_SECRET } from './dev-auth-secret.js';

/** Fixed dates, so the same consumer always gets the same token and it never expires mid-run. */
const SEEDED_ISSUED_AT = new Date('2026-01-01T00:00:00Z');
const SEEDED_EXPIRES_AT = new Date('2099-01-01T00:00:00Z');

/**
 * The token the identity provider issued to a seeded consumer. `consumer` is either the
 * consumer itself or its 1-based index in the population generated from `seed`.
 */
export function tokenFor(seed: number, consumer: ConsumerSeed | number, secret: string = DEV_AUTH_SECRET): string {
  const { id, market } = typeof consumer === 'number' ? consumerAt(seed, consumer) : consumer;
  return mintConsumerToken(secret, {
    consumerId: id,
    market,
    issuedAt: SEEDED_ISSUED_AT,
    expiresAt: SEEDED_EXPIRES_AT,
  });
}
