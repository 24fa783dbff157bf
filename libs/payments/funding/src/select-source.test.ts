import type { ContractApi } from '@paybench/platform-contract';
import { composeModules, type Settings } from '@paybench/platform-host';
import { createLogger } from '@paybench/platform-logging';
import { openDatabase, type Database } from '@paybench/platform-storage';
import { consumers, fundingSourcesOf, MARKETS } from '@paybench/payments-dataset';
import { describe, expect, it } from 'vitest';
import { fundingContract, type FundingSourceType } from './index.js';
import { fundingModule } from './module-entry.js';

async function startFunding(settings: Settings, db: Database = openDatabase(':memory:')) {
  const apis = await composeModules({
    modules: [fundingModule],
    hosted: ['funding'],
    db,
    logger: createLogger({ processName: 'test', level: 'silent' }).logger,
    settings,
  });
  return { db, funding: apis.get('funding') as ContractApi<typeof fundingContract> };
}

type Row = [id: string, consumerId: string, type: string, currency: string, limit: number, status: string];

/** Hand-written sources for one consumer, so each rule is visible in the test that checks it. */
async function fundingWith(rows: Row[]) {
  const { db, funding } = await startFunding({ consumers: 0 });
  const insert = db.prepare(
    `INSERT INTO funding_sources (id, consumer_id, type, currency, last4, purchase_limit, status)
     VALUES (?, ?, ?, ?, '1234', ?, ?)`,
  );
  for (const [id, consumerId, type, currency, limit, status] of rows) {
    insert.run(id, consumerId, type, currency, limit, status);
  }
  return funding;
}

const wallet: Row[] = [
  ['fs-a-1', 'c-a', 'card', 'SEK', 100_000, 'active'],
  ['fs-a-2', 'c-a', 'card', 'SEK', 800_000, 'active'],
  ['fs-a-3', 'c-a', 'bank_account', 'SEK', 5_000_000, 'active'],
  ['fs-a-4', 'c-a', 'card', 'SEK', 9_000_000, 'expired'],
  ['fs-a-5', 'c-a', 'card', 'EUR', 9_000_000, 'active'],
];
const purchase = { consumerId: 'c-a', currency: 'SEK' } as const;
const selectedId = (result: { outcome: string; source?: { id: string } }) => result.source?.id ?? result.outcome;

describe('funding.selectSource', () => {
  it('takes the first source of the most preferred type that covers the amount', async () => {
    const funding = await fundingWith(wallet);
    const pick = async (amount: number, allowedTypes: FundingSourceType[]) =>
      selectedId(await funding.selectSource({ ...purchase, amount, allowedTypes }));
    expect(await pick(50_000, ['card', 'bank_account'])).toBe('fs-a-1');
    expect(await pick(500_000, ['card', 'bank_account'])).toBe('fs-a-2');
    expect(await pick(50_000, ['bank_account', 'card'])).toBe('fs-a-3');
  });

  it('falls back to a less preferred type when no preferred source covers the amount', async () => {
    const funding = await fundingWith(wallet);
    await expect(
      funding.selectSource({ ...purchase, amount: 3_000_000, allowedTypes: ['card', 'bank_account'] }),
    ).resolves.toEqual({
      outcome: 'selected',
      source: { id: 'fs-a-3', type: 'bank_account', currency: 'SEK', last4: '1234' },
    });
  });

  it('orders sources of one type by id, not by when they were stored', async () => {
    const funding = await fundingWith([
      ['fs-b-2', 'c-b', 'card', 'SEK', 900_000, 'active'],
      ['fs-b-1', 'c-b', 'card', 'SEK', 900_000, 'active'],
    ]);
    const input = { consumerId: 'c-b', currency: 'SEK', amount: 1, allowedTypes: ['card' as const] };
    expect(selectedId(await funding.selectSource(input))).toBe('fs-b-1');
  });

  it('answers limit_exceeded when allowed sources exist but none covers the amount', async () => {
    const funding = await fundingWith(wallet);
    // The expired card and the EUR card would cover it: neither may be used.
    await expect(funding.selectSource({ ...purchase, amount: 3_000_000, allowedTypes: ['card'] })).resolves.toEqual({
      outcome: 'none',
      reason: 'limit_exceeded',
    });
  });

  it('answers no_eligible_source when no active source of an allowed type is in the currency', async () => {
    const funding = await fundingWith([...wallet, ['fs-e-1', 'c-e', 'card', 'SEK', 900_000, 'expired']]);
    const none = { outcome: 'none', reason: 'no_eligible_source' };
    await expect(
      funding.selectSource({ ...purchase, currency: 'USD', amount: 1, allowedTypes: ['card'] }),
    ).resolves.toEqual(none);
    await expect(
      funding.selectSource({ consumerId: 'c-e', currency: 'SEK', amount: 1, allowedTypes: ['card'] }),
    ).resolves.toEqual(none);
    await expect(
      funding.selectSource({ consumerId: 'c-nobody', currency: 'SEK', amount: 1, allowedTypes: ['card'] }),
    ).resolves.toEqual(none);
  });
});

describe('funding seeded from the test population', () => {
  const settings = { seed: 42, consumers: 200 };
  const population = consumers(settings.seed, settings.consumers);

  it('lets every active consumer pay a benchmark purchase by card, with the same source every time', async () => {
    const first = await startFunding(settings);
    const second = await startFunding(settings);
    for (const consumer of population.filter((c) => c.status === 'active')) {
      const input = {
        consumerId: consumer.id,
        currency: MARKETS[consumer.market].currency,
        amount: 500_000,
        allowedTypes: ['card' as const],
      };
      const expected = fundingSourcesOf(settings.seed, consumer).find(
        (s) => s.type === 'card' && s.status === 'active' && s.limit >= input.amount,
      );
      const result = await first.funding.selectSource(input);
      expect(selectedId(result)).toBe(expected?.id);
      await expect(second.funding.selectSource(input)).resolves.toEqual(result);
    }
  });

  it('seeds the sources once, so a restart on the same database keeps them', async () => {
    const { db } = await startFunding(settings);
    await startFunding(settings, db);
    const expected = population.reduce((n, c) => n + fundingSourcesOf(settings.seed, c).length, 0);
    expect(db.prepare('SELECT count(*) AS n FROM funding_sources').get()).toEqual({ n: expected });
  });
});
