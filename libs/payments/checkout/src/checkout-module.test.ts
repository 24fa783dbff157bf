import { randomUUID } from 'node:crypto';
import { authModule } from '@paybench/payments-auth/module';
import {
  consumers,
  DEV_AUTH_SECRET,
  MARKETS,
  mintConsumerToken,
  tokenFor,
  type ConsumerSeed,
} from '@paybench/payments-dataset';
import { fundingModule } from '@paybench/payments-funding/module';
import { ordersModule } from '@paybench/payments-orders/module';
import { riskModule } from '@paybench/payments-risk/module';
import type { ContractApi } from '@paybench/platform-contract';
import { composeModules } from '@paybench/platform-host';
import { createLogger } from '@paybench/platform-logging';
import { openDatabase } from '@paybench/platform-storage';
import { beforeEach, describe, expect, it } from 'vitest';
import { checkoutContract, type CheckoutRequest } from './index.js';
import { checkoutModule } from './module-entry.js';

const SEED = 42;
const population = consumers(SEED, 200);

/** An ordinary consumer of `market`: active and in the low risk segment. */
function consumerIn(market: ConsumerSeed['market'], nth = 0): ConsumerSeed {
  const found = population.filter((c) => c.status === 'active' && c.market === market && c.riskSegment === 'low')[nth];
  if (!found) throw new Error(`the population has no low-risk active consumer #${nth} in ${market}`);
  return found;
}

/** Every module real and in-process, on a fresh in-memory database: the monolith in miniature. */
async function startCheckout(logLines?: string[]): Promise<ContractApi<typeof checkoutContract>> {
  const logging = logLines
    ? createLogger({ processName: 'checkout-test', destination: { write: (line: string) => void logLines.push(line) } })
    : createLogger({ processName: 'checkout-test', level: 'silent' });
  const apis = await composeModules({
    modules: [checkoutModule, authModule, fundingModule, riskModule, ordersModule],
    hosted: ['checkout', 'auth', 'funding', 'risk', 'orders'],
    db: openDatabase(':memory:'),
    logger: logging.logger,
    settings: { seed: SEED, consumers: population.length },
  });
  return apis.get('checkout') as ContractApi<typeof checkoutContract>;
}

/** A purchase of one item costing `amount`, by `consumer` in their market and currency. */
function purchase(consumer: ConsumerSeed, paymentOption: string, amount = 49_900): CheckoutRequest {
  return {
    consumerToken: tokenFor(SEED, consumer, DEV_AUTH_SECRET),
    merchantId: 'merchant-test',
    market: consumer.market,
    paymentOption,
    amount,
    currency: MARKETS[consumer.market].currency,
    items: [{ sku: 'sku-1', name: 'Headphones', quantity: 1, unitPrice: amount }],
    idempotencyKey: `test-${randomUUID()}`,
  };
}

let checkout: ContractApi<typeof checkoutContract>;
beforeEach(async () => {
  checkout = await startCheckout();
});

describe('checkout runs the configured flow of each option', () => {
  it('pay_now in SE captures the amount at once', async () => {
    const consumer = consumerIn('SE');
    const order = await checkout.checkout(purchase(consumer, 'pay_now'));
    expect(order).toMatchObject({ consumerId: consumer.id, status: 'captured', amount: 49_900, currency: 'SEK' });
    expect(order.settlement).toMatchObject({ kind: 'capture', capturedAmount: 49_900 });
  });

  it('pay_later in DE sends an invoice due in 14 days', async () => {
    const order = await checkout.checkout(purchase(consumerIn('DE'), 'pay_later'));
    expect(order.status).toBe('awaiting_payment');
    expect(order.settlement.kind).toBe('invoice');
    const due = order.settlement.kind === 'invoice' ? order.settlement.dueDate : '';
    expect(Date.parse(due) - Date.parse(order.createdAt.slice(0, 10))).toBe(14 * 86_400_000);
  });

  it('pay_over_time in US splits the amount into 4 biweekly installments on a card', async () => {
    const order = await checkout.checkout(purchase(consumerIn('US'), 'pay_over_time', 40_000));
    expect(order.status).toBe('in_installments');
    expect(order.fundingSource.type).toBe('card');
    expect(order.settlement).toMatchObject({ kind: 'installments', aprBps: 0, totalPayable: 40_000 });
    const installments = order.settlement.kind === 'installments' ? order.settlement.installments : [];
    expect(installments.map((i) => i.amount)).toEqual([10_000, 10_000, 10_000, 10_000]);
  });

  it('records the risk score of the assessment on the order', async () => {
    const order = await checkout.checkout(purchase(consumerIn('SE', 1), 'pay_over_time'));
    expect(order.riskScore).toBeGreaterThanOrEqual(0);
    expect(order.riskScore).toBeLessThanOrEqual(600);
  });
});

describe('checkout logs', () => {
  /** Checkout's own step lines, in the order written. */
  const stepLines = (lines: string[]) =>
    lines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => line['module'] === 'checkout' && line['msg'] === 'checkout step')
      .map(({ step, paymentOption, market, outcome }) => ({ step, paymentOption, market, outcome }));

  it('one line per step, in configured order, with its outcome', async () => {
    const lines: string[] = [];
    const logged = await startCheckout(lines);
    await logged.checkout(purchase(consumerIn('DE'), 'pay_later'));
    const context = { paymentOption: 'pay_later', market: 'DE' };
    expect(stepLines(lines)).toEqual([
      { step: 'authenticate', ...context, outcome: 'authenticated' },
      { step: 'assess_risk', ...context, outcome: 'approved' },
      { step: 'collect_funding', ...context, outcome: 'selected' },
      { step: 'create_order', ...context, outcome: 'awaiting_payment' },
    ]);
  });

  it('the step that refused, with the refusal as outcome, and no line for the steps it spared', async () => {
    const lines: string[] = [];
    const logged = await startCheckout(lines);
    await expect(logged.checkout(purchase(consumerIn('DE'), 'pay_later', 400_001))).rejects.toThrow();
    expect(stepLines(lines).map(({ step, outcome }) => `${step}:${outcome}`)).toEqual([
      'authenticate:authenticated',
      'assess_risk:payment_rejected',
    ]);
  });
});

describe('checkout refuses what it must', () => {
  it('rejects an amount over the option limit at assess_risk', async () => {
    await expect(checkout.checkout(purchase(consumerIn('DE'), 'pay_later', 400_001))).rejects.toMatchObject({
      code: 'payment_rejected',
      status: 422,
      details: { step: 'assess_risk', reasons: expect.arrayContaining(['amount_over_limit']) },
    });
  });

  it('rejects a token not signed with the shared secret', async () => {
    const consumer = consumerIn('SE');
    const now = Date.now();
    const forged = mintConsumerToken('not-the-secret', {
      consumerId: consumer.id,
      market: consumer.market,
      issuedAt: new Date(now),
      expiresAt: new Date(now + 3_600_000),
    });
    await expect(checkout.checkout({ ...purchase(consumer, 'pay_now'), consumerToken: forged })).rejects.toMatchObject({
      code: 'invalid_token',
      status: 401,
    });
  });

  it('rejects an option the configuration does not offer', async () => {
    await expect(checkout.checkout(purchase(consumerIn('SE'), 'pay_with_seashells'))).rejects.toMatchObject({
      code: 'option_unavailable',
      status: 422,
    });
  });

  it("rejects a currency other than the market's", async () => {
    await expect(
      checkout.checkout({ ...purchase(consumerIn('SE'), 'pay_now'), currency: 'EUR' }),
    ).rejects.toMatchObject({
      code: 'currency_mismatch',
      status: 422,
      details: { market: 'SE', expected: 'SEK', got: 'EUR' },
    });
  });

  it("rejects an amount that is not the items' total", async () => {
    await expect(checkout.checkout({ ...purchase(consumerIn('SE'), 'pay_now'), amount: 50_000 })).rejects.toMatchObject(
      {
        code: 'amount_mismatch',
        status: 400,
      },
    );
  });

  it("rejects a purchase in a market other than the consumer's", async () => {
    const consumer = consumerIn('SE');
    const inGermany = { ...purchase(consumer, 'pay_now'), market: 'DE', currency: 'EUR' };
    await expect(checkout.checkout(inGermany)).rejects.toMatchObject({ code: 'market_mismatch', status: 422 });
  });
});

describe('checkout is idempotent per key', () => {
  it('answers a retried request with the original order', async () => {
    const request = purchase(consumerIn('US'), 'pay_later');
    const first = await checkout.checkout(request);
    await expect(checkout.checkout(request)).resolves.toEqual(first);
  });

  it('refuses the same key for a different purchase', async () => {
    const request = purchase(consumerIn('US'), 'pay_later');
    await checkout.checkout(request);
    const cheaper = purchase(consumerIn('US'), 'pay_later', 10_000);
    const changed = { ...request, amount: cheaper.amount, items: cheaper.items };
    await expect(checkout.checkout(changed)).rejects.toMatchObject({ code: 'idempotency_conflict', status: 409 });
  });

  it('makes one order of two identical requests in flight at once', async () => {
    const request = purchase(consumerIn('DE'), 'pay_now');
    const [a, b] = await Promise.all([checkout.checkout(request), checkout.checkout(request)]);
    expect(a.id).toBe(b.id);
  });
});
