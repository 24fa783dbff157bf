import { describe, expect, it } from 'vitest';
import { consumerAt, consumers, fundingSourcesOf, GUARANTEED_CARD_LIMIT, MARKETS } from './index.js';

const population = consumers(42, 5000);
const sources = population.map((consumer) => ({ consumer, sources: fundingSourcesOf(42, consumer) }));
const all = sources.flatMap((s) => s.sources);

describe('fundingSourcesOf', () => {
  it('derives the sources from the seed and consumer alone', () => {
    const consumer = consumerAt(42, 321);
    expect(fundingSourcesOf(42, consumer)).toEqual(fundingSourcesOf(42, consumer));
    expect(fundingSourcesOf(42, consumer)).not.toEqual(fundingSourcesOf(43, consumer));
  });

  it('gives each consumer one to three sources in their market currency, numbered after them', () => {
    const misfits = sources.filter(
      ({ consumer, sources: own }) =>
        own.length < 1 ||
        own.length > 3 ||
        own.some(
          (source, i) =>
            source.id !== `fs-${consumer.id.slice(2)}-${i + 1}` ||
            source.consumerId !== consumer.id ||
            source.currency !== MARKETS[consumer.market].currency ||
            !/^\d{4}$/.test(source.last4),
        ),
    );
    expect(misfits).toEqual([]);
    expect(fundingSourcesOf(42, consumerAt(42, 1))[0]).toMatchObject({ id: 'fs-000001-1', consumerId: 'c-000001' });
  });

  it('gives every active consumer an active card that covers a benchmark purchase', () => {
    const withoutCard = sources.filter(
      ({ consumer, sources: own }) =>
        consumer.status === 'active' &&
        !own.some((s) => s.type === 'card' && s.status === 'active' && s.limit >= GUARANTEED_CARD_LIMIT),
    );
    expect(withoutCard).toEqual([]);
    expect(GUARANTEED_CARD_LIMIT).toBeGreaterThanOrEqual(500_000);
  });

  it('mixes in expired sources, low card limits and high bank-account limits', () => {
    expect(all.some((s) => s.status === 'expired')).toBe(true);
    expect(all.some((s) => s.type === 'card' && s.limit < GUARANTEED_CARD_LIMIT)).toBe(true);
    const banks = all.filter((s) => s.type === 'bank_account');
    expect(banks.length).toBeGreaterThan(all.length * 0.1);
    expect(banks.every((s) => s.limit >= 2_000_000 && s.limit <= 10_000_000)).toBe(true);
  });
});
