import { consumerAt, type ConsumerSeed } from './consumers.js';
import { mintConsumerToken } from './consumer-token.js';
import { DEV_AUTH_SECRET } from './dev-auth-secret.js';

/** Fixed dates, so the same consumer always gets the same token and it never expires mid-run. */
const SEEDED_ISSUED_AT = new Date('2026-01-01T00:00:00Z');
const SEEDED_EXPIRES_AT = new Date('2099-01-01T00:00:00Z');

/**
 * Under a secret of the deployment's own, auth caps a token's lifetime (24 h by default), so the
 * harness's tokens last 12 h from the start of the current minute: well within the cap, longer
 * than any run, and the same for every token minted in that minute.
 */
const CUSTOM_SECRET_LIFETIME_MS = 12 * 60 * 60 * 1000;

/**
 * The token the identity provider issued to a seeded consumer. `consumer` is either the
 * consumer itself or its 1-based index in the population generated from `seed`. Signed with the
 * published development secret (the default), it is the same forever, like the committed example's;
 * signed with another secret, it is issued at `now` (to the minute) and lasts 12 hours.
 */
export function tokenFor(
  seed: number,
  consumer: ConsumerSeed | number,
  secret: string = DEV_AUTH_SECRET,
  now: Date = new Date(),
): string {
  const { id, market } = typeof consumer === 'number' ? consumerAt(seed, consumer) : consumer;
  if (secret === DEV_AUTH_SECRET) {
    return mintConsumerToken(secret, {
      consumerId: id,
      market,
      issuedAt: SEEDED_ISSUED_AT,
      expiresAt: SEEDED_EXPIRES_AT,
    });
  }
  const issuedAt = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
  const expiresAt = new Date(issuedAt.getTime() + CUSTOM_SECRET_LIFETIME_MS);
  return mintConsumerToken(secret, { consumerId: id, market, issuedAt, expiresAt });
}
