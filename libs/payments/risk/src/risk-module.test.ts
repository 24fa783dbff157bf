import { consumers } from '@paybench/payments-dataset';
import { ordersContract } from '@paybench/payments-orders';
import { ordersModule } from '@paybench/payments-orders/module';
import type { ContractApi, InputOf } from '@paybench/platform-contract';
import { composeModules } from '@paybench/platform-host';
import { createLogger } from '@paybench/platform-logging';
import { openDatabase, type Database } from '@paybench/platform-storage';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Assessment, riskContract } from './index.js';
import { riskModule } from './module-entry.js';

type AssessInput = InputOf<typeof riskContract.operations.assess>;

const SEED = 42;
const POPULATION = 200;
const population = consumers(SEED, POPULATION);
const inSegment = (segment: 'low' | 'high') => {
  const found = population.find((c) => c.riskSegment === segment);
  if (!found) throw new Error(`the test population has no ${segment}-risk consumer`);
  return found.id;
};
const lowRisk = inSegment('low');
const highRisk = inSegment('high');

let db: Database;
let risk: ContractApi<typeof riskContract>;
let orders: ContractApi<typeof ordersContract>;

/** Risk and the real orders module in one process, sharing one database, as in the monolith. */
async function compose(database: Database) {
  const apis = await composeModules({
    modules: [riskModule, ordersModule],
    hosted: ['risk', 'orders'],
    db: database,
    logger: createLogger({ processName: 'test', level: 'silent' }).logger,
    settings: { seed: SEED, consumers: POPULATION },
  });
  return {
    risk: apis.get('risk') as unknown as ContractApi<typeof riskContract>,
    orders: apis.get('orders') as unknown as ContractApi<typeof ordersContract>,
  };
}

beforeEach(async () => {
  db = openDatabase(':memory:');
  ({ risk, orders } = await compose(db));
});

afterEach(() => db.close());

function assessInput(overrides: Partial<AssessInput> = {}): AssessInput {
  return {
    consumerId: lowRisk,
    merchantId: 'm-1',
    market: 'SE',
    paymentOption: 'pay_later',
    amount: 5_000,
    currency: 'SEK',
    limits: { maxAmount: 10_000, maxScore: 700, velocity: { windowMinutes: 60, maxOrders: 3 } },
    ...overrides,
  };
}

function placeOrder(consumerId: string, n: number) {
  return orders.createOrder({
    idempotencyKey: `${consumerId}-order-${n}`,
    request: {
      consumerId,
      merchantId: 'm-1',
      market: 'SE',
      paymentOption: 'pay_later',
      amount: 1_000,
      currency: 'SEK',
      items: [{ sku: 'mug', name: 'Mug', quantity: 1, unitPrice: 1_000 }],
    },
    fundingSource: { id: 'fs-1', type: 'card' },
    riskScore: 100,
    terms: { kind: 'capture' },
  });
}

const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('assess', () => {
  it('approves an ordinary purchase with a well-formed assessment', async () => {
    const assessment = await risk.assess(assessInput());
    expect(Assessment.parse(assessment)).toEqual(assessment);
    expect(assessment).toMatchObject({
      assessmentId: expect.stringMatching(/^ras_[0-9a-f]{32}$/),
      decision: 'approve',
      reasons: [],
    });
  });

  it('gives the same input the same score', async () => {
    const first = await risk.assess(assessInput());
    const second = await risk.assess(assessInput());
    expect(second.score).toBe(first.score);
    expect(second.decision).toBe(first.decision);
    expect(second.assessmentId).not.toBe(first.assessmentId);
  });

  it('rejects an amount over the limit as a decision, not an error', async () => {
    const assessment = await risk.assess(assessInput({ amount: 10_001 }));
    expect(assessment.decision).toBe('reject');
    expect(assessment.reasons).toEqual(['amount_over_limit']);
  });

  it('rejects once the consumer placed the maximum number of orders in the window', async () => {
    for (let n = 1; n <= 2; n++) await placeOrder(lowRisk, n);
    await expect(risk.assess(assessInput())).resolves.toMatchObject({ decision: 'approve' });
    const before = (await risk.assess(assessInput())).score;

    await placeOrder(lowRisk, 3);
    const assessment = await risk.assess(assessInput());
    expect(assessment.decision).toBe('reject');
    expect(assessment.reasons).toEqual(['velocity_exceeded']);
    expect(assessment.score).toBe(before + 25);
  });

  it('counts only the consumer’s own orders toward velocity', async () => {
    for (let n = 1; n <= 3; n++) await placeOrder(highRisk, n);
    await expect(risk.assess(assessInput())).resolves.toMatchObject({ decision: 'approve' });
  });

  it('scores a high-risk consumer above a low-risk one', async () => {
    const low = await risk.assess(assessInput({ consumerId: lowRisk }));
    const high = await risk.assess(assessInput({ consumerId: highRisk }));
    expect(high.score).toBeGreaterThan(low.score);
  });

  it('rejects a score over the option’s maximum', async () => {
    const assessment = await risk.assess(
      assessInput({ consumerId: highRisk, limits: { ...assessInput().limits, maxScore: 500 } }),
    );
    expect(assessment).toMatchObject({ decision: 'reject', reasons: ['score_too_high'] });
  });

  it('scores a consumer it has no profile for above every segment', async () => {
    const unknown = await risk.assess(assessInput({ consumerId: 'c-999999' }));
    const high = await risk.assess(assessInput({ consumerId: highRisk }));
    // 600 vs 550 base: the 50-point gap beats any jitter difference (at most 49).
    expect(unknown.score).toBeGreaterThan(high.score);
  });

  it('records every assessment', async () => {
    await risk.assess(assessInput());
    await risk.assess(assessInput({ amount: 20_000 }));
    await risk.assess(assessInput({ consumerId: highRisk, limits: { ...assessInput().limits, maxScore: 1000 } }));
    expect(count('risk_assessments')).toBe(3);
    const rejected = db
      .prepare("SELECT consumer_id, amount, decision, reasons_json FROM risk_assessments WHERE decision = 'reject'")
      .all();
    expect(rejected).toEqual([
      { consumer_id: lowRisk, amount: 20_000, decision: 'reject', reasons_json: '["amount_over_limit"]' },
    ]);
  });
});

describe('risk profiles', () => {
  it('are seeded once per consumer, however often the module starts', async () => {
    expect(count('risk_profiles')).toBe(POPULATION);
    await compose(db);
    expect(count('risk_profiles')).toBe(POPULATION);
  });
});
