import { randomUUID } from 'node:crypto';
import { authModule } from '@paybench/payments-auth/module';
import { consumers, DEV_AUTH_SECRET, MARKETS, tokenFor, type ConsumerSeed } from '@paybench/payments-dataset';
import { fundingModule } from '@paybench/payments-funding/module';
import { ordersModule } from '@paybench/payments-orders/module';
import type { Assessment } from '@paybench/payments-risk';
import { budgetSpent, commonErrors, type Contract, type ContractApi } from '@paybench/platform-contract';
import { composeModules } from '@paybench/platform-host';
import { createLogger } from '@paybench/platform-logging';
import { NO_FALLBACKS, type Fallbacks } from '@paybench/platform-resilience';
import { openDatabase } from '@paybench/platform-storage';
import { describe, expect, it } from 'vitest';
import { checkoutContract, type CheckoutRequest } from './index.js';
import { checkoutModule } from './module-entry.js';

// Risk's fallbacks come from the payment options file (config/payment-options.json): pay_now approves below
// 20 000 (minor units) and declines above; pay_later and pay_over_time decline.

const SEED = 42;
const population = consumers(SEED, 200);
const consumer = population.find((c) => c.status === 'active' && c.market === 'SE' && c.riskSegment === 'low');

/** Everything in-process except risk, whose binding does what `risk` says: the fallback must not care which. */
async function startCheckout(risk: () => Promise<Assessment>, fallbacks: Fallbacks) {
  const apis = await composeModules({
    modules: [checkoutModule, authModule, fundingModule, ordersModule],
    hosted: ['checkout', 'auth', 'funding', 'orders'],
    remote: (contract: Contract) => {
      if (contract.name !== 'risk') throw new Error(`unexpected remote ${contract.name}`);
      return { assess: risk } as unknown as ContractApi<Contract>;
    },
    db: openDatabase(':memory:'),
    logger: createLogger({ processName: 'checkout-test', level: 'silent' }).logger,
    settings: { seed: SEED, consumers: population.length },
    fallbacks,
  });
  return apis.get('checkout') as ContractApi<typeof checkoutContract>;
}

function purchase(paymentOption: string, amount: number): CheckoutRequest {
  if (!consumer) throw new Error('the population has no low-risk active consumer in SE');
  const market = consumer.market as ConsumerSeed['market'];
  return {
    consumerToken: tokenFor(SEED, consumer, DEV_AUTH_SECRET),
    merchantId: 'merchant-test',
    market,
    paymentOption,
    amount,
    currency: MARKETS[market].currency,
    items: [{ sku: 'sku-1', name: 'Socks', quantity: 1, unitPrice: amount }],
    idempotencyKey: `test-${randomUUID()}`,
  };
}

const unavailable = () => Promise.reject(commonErrors.dependencyUnavailable('risk', 'ECONNREFUSED'));
const counting = () => {
  const taken: string[] = [];
  return { taken, fallbacks: { enabled: true, taken: (d: string) => void taken.push(d) } satisfies Fallbacks };
};

describe('risk fallbacks, as the payment options configure them', () => {
  it('approves a pay_now purchase below the configured amount without risk, with no score, and counts it', async () => {
    const { taken, fallbacks } = counting();
    const checkout = await startCheckout(unavailable, fallbacks);
    const order = await checkout.checkout(purchase('pay_now', 10_000));
    expect(order).toMatchObject({ status: 'captured', amount: 10_000, riskScore: 0 });
    expect(taken).toEqual(['risk']);
  });

  it('declines with the reason risk_unavailable above that amount, and for options that decline', async () => {
    const { taken, fallbacks } = counting();
    const checkout = await startCheckout(unavailable, fallbacks);
    for (const [option, amount] of [
      ['pay_now', 20_000],
      ['pay_later', 1_000],
    ] as const) {
      await expect(checkout.checkout(purchase(option, amount))).rejects.toMatchObject({
        code: 'payment_rejected',
        status: 422,
        details: { step: 'assess_risk', reason: 'risk_unavailable' },
      });
    }
    expect(taken).toEqual(['risk', 'risk']);
  });

  it('is not taken without a preset that wants fallbacks: the purchase fails with risk 503', async () => {
    const checkout = await startCheckout(unavailable, NO_FALLBACKS);
    await expect(checkout.checkout(purchase('pay_now', 10_000))).rejects.toMatchObject({
      code: 'dependency_unavailable',
      status: 503,
    });
  });

  it("replaces no answer of risk's, and not a deadline already spent", async () => {
    const { taken, fallbacks } = counting();
    const rejecting = () =>
      Promise.resolve({ assessmentId: 'a', decision: 'reject', score: 990, reasons: ['score_too_high'] } as Assessment);
    await expect(
      (await startCheckout(rejecting, fallbacks)).checkout(purchase('pay_now', 10_000)),
    ).rejects.toMatchObject({ code: 'payment_rejected', details: { reason: 'score_too_high' } });
    const spent = () => Promise.reject(budgetSpent('risk.assess'));
    await expect((await startCheckout(spent, fallbacks)).checkout(purchase('pay_now', 10_000))).rejects.toMatchObject({
      code: 'dependency_timeout',
      status: 503,
    });
    expect(taken).toEqual([]);
  });
});

describe('the fallback in the payment options file', () => {
  it('is validated: an unknown decision or a missing amount stops the configuration', async () => {
    const { parsePaymentOptions } = await import('./module-entry.js');
    const step = (fallback: unknown) => ({
      markets: { SE: { currency: 'SEK' } },
      options: {
        o: {
          description: 'x',
          markets: {
            SE: {
              steps: [
                { step: 'authenticate' },
                { step: 'collect_funding', sourceTypes: ['card'] },
                {
                  step: 'assess_risk',
                  maxAmount: 1000,
                  maxScore: 500,
                  velocity: { windowMinutes: 60, maxOrders: 5 },
                  fallback,
                },
                { step: 'create_order', terms: { kind: 'capture' } },
              ],
            },
          },
        },
      },
    });
    expect(() => parsePaymentOptions(step({ decision: 'decline' }), 't')).not.toThrow();
    expect(() => parsePaymentOptions(step({ decision: 'shrug' }), 't')).toThrow(/fallback/);
    expect(() => parsePaymentOptions(step({ decision: 'approve_below' }), 't')).toThrow(/fallback\.amount/);
  });
});
