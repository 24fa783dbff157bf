import type { ConsumerSeed } from './consumers.js';
import { MARKETS } from './markets.js';
import { seededRandom, STREAM, type SeededRandom } from './seeded-random.js';

export interface FundingSourceSeed {
  /** `fs-000001-1`: the consumer's number and the source's 1-based position. */
  id: string;
  consumerId: string;
  type: 'card' | 'bank_account';
  currency: string;
  last4: string;
  /** The most one purchase may draw from this source, in minor units. */
  limit: number;
  status: 'active' | 'expired';
}

/** Benchmark purchases stay below this, so an active consumer's guaranteed card covers them. */
export const GUARANTEED_CARD_LIMIT = 500_000;

const CARD_SHARE = 0.7;
const EXPIRED_SHARE = 0.15;

/**
 * The funding sources (one to three) of `consumer` in the population generated from `seed`.
 * Every active consumer ends up with at least one active card whose limit reaches
 * GUARANTEED_CARD_LIMIT, so most benchmark purchases can succeed; the rest is random, so the
 * selection logic still meets expired sources, low card limits and bank accounts.
 */
export function fundingSourcesOf(seed: number, consumer: ConsumerSeed): FundingSourceSeed[] {
  const random = seededRandom(seed, consumer.index, STREAM.fundingSources);
  const count = random.intBetween(1, 3);
  const drafts = Array.from({ length: count }, () => randomSource(random));
  if (consumer.status === 'active' && !drafts.some(isGuaranteedCard)) {
    drafts[random.intBetween(0, count - 1)] = guaranteedCard(random);
  }
  const currency = MARKETS[consumer.market].currency;
  const number = consumer.id.replace(/^c-/, '');
  return drafts.map(({ type, last4, limit, status }, i) => ({
    id: `fs-${number}-${i + 1}`,
    consumerId: consumer.id,
    type,
    currency,
    last4,
    limit,
    status,
  }));
}

type SourceDraft = Pick<FundingSourceSeed, 'type' | 'last4' | 'limit' | 'status'>;

function randomSource(random: SeededRandom): SourceDraft {
  const type = random.next() < CARD_SHARE ? 'card' : 'bank_account';
  const status = random.next() < EXPIRED_SHARE ? 'expired' : 'active';
  // Cards range from small to generous; bank accounts always allow large purchases.
  const limit = type === 'card' ? random.intBetween(20, 300) * 5_000 : random.intBetween(20, 100) * 100_000;
  return { type, status, limit, last4: randomLast4(random) };
}

function guaranteedCard(random: SeededRandom): SourceDraft {
  const limit = random.intBetween(GUARANTEED_CARD_LIMIT / 5_000, 300) * 5_000;
  return { type: 'card', status: 'active', limit, last4: randomLast4(random) };
}

function isGuaranteedCard(source: SourceDraft): boolean {
  return source.type === 'card' && source.status === 'active' && source.limit >= GUARANTEED_CARD_LIMIT;
}

function randomLast4(random: SeededRandom): string {
  return String(random.intBetween(0, 9999)).padStart(4, '0');
}
