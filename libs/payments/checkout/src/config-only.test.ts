import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { authModule } from '@paybench/payments-auth/module';
import { consumers, DEV_AUTH_SECRET, tokenFor } from '@paybench/payments-dataset';
import { fundingModule } from '@paybench/payments-funding/module';
import { ordersModule } from '@paybench/payments-orders/module';
import { riskModule } from '@paybench/payments-risk/module';
import type { ContractApi } from '@paybench/platform-contract';
import { composeModules, type Settings } from '@paybench/platform-host';
import { createLogger } from '@paybench/platform-logging';
import { openDatabase } from '@paybench/platform-storage';
import { describe, expect, it } from 'vitest';
import { checkoutContract, type CheckoutRequest } from './index.js';
import { checkoutModule, DEFAULT_PAYMENT_OPTIONS_FILE } from './module-entry.js';

// The claim of the design, tested: a new payment option is a configuration change. The same
// code, started on a file with one more option, offers it; nothing else changes.

const SEED = 42;
const population = consumers(SEED, 200);

async function startCheckout(extraSettings: Settings = {}): Promise<ContractApi<typeof checkoutContract>> {
  const apis = await composeModules({
    modules: [checkoutModule, authModule, fundingModule, riskModule, ordersModule],
    hosted: ['checkout', 'auth', 'funding', 'risk', 'orders'],
    db: openDatabase(':memory:'),
    logger: createLogger({ processName: 'checkout-test', level: 'silent' }).logger,
    settings: { seed: SEED, consumers: population.length, ...extraSettings },
  });
  return apis.get('checkout') as ContractApi<typeof checkoutContract>;
}

/** The shipped configuration plus `pay_in_3` for Sweden: three interest-free monthly installments. */
function writeConfigWithPayIn3(): string {
  const config = JSON.parse(readFileSync(DEFAULT_PAYMENT_OPTIONS_FILE, 'utf8')) as { options: Record<string, unknown> };
  config.options['pay_in_3'] = {
    description: 'Three interest-free installments, one every 30 days.',
    markets: {
      SE: {
        steps: [
          { step: 'authenticate' },
          { step: 'assess_risk', maxAmount: 300000, maxScore: 600, velocity: { windowMinutes: 60, maxOrders: 50 } },
          { step: 'collect_funding', sourceTypes: ['card'] },
          { step: 'create_order', terms: { kind: 'installments', count: 3, intervalDays: 30, aprBps: 0 } },
        ],
      },
    },
  };
  return writeTempConfig(JSON.stringify(config, null, 2));
}

function writeTempConfig(content: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'checkout-config-')), 'payment-options.json');
  writeFileSync(file, content);
  return file;
}

const swede = population.find((c) => c.status === 'active' && c.market === 'SE' && c.riskSegment === 'low');

function payIn3(): CheckoutRequest {
  if (!swede) throw new Error('the population has no low-risk active consumer in SE');
  return {
    consumerToken: tokenFor(SEED, swede, DEV_AUTH_SECRET),
    merchantId: 'merchant-test',
    market: 'SE',
    paymentOption: 'pay_in_3',
    amount: 90_000,
    currency: 'SEK',
    items: [{ sku: 'sku-chair', name: 'Chair', quantity: 2, unitPrice: 45_000 }],
    idempotencyKey: `test-${randomUUID()}`,
  };
}

describe('a payment option is configuration', () => {
  it('is unavailable under the shipped configuration', async () => {
    const checkout = await startCheckout();
    await expect(checkout.checkout(payIn3())).rejects.toMatchObject({ code: 'option_unavailable', status: 422 });
  });

  it('is offered, with its own terms, once the configuration file adds it', async () => {
    const checkout = await startCheckout({ paymentOptionsFile: writeConfigWithPayIn3() });
    const order = await checkout.checkout(payIn3());
    expect(order).toMatchObject({ paymentOption: 'pay_in_3', status: 'in_installments' });
    expect(order.settlement).toMatchObject({ kind: 'installments', aprBps: 0, totalPayable: 90_000 });
    const installments = order.settlement.kind === 'installments' ? order.settlement.installments : [];
    expect(installments.map((i) => i.amount)).toEqual([30_000, 30_000, 30_000]);
  });

  it('stops start-up on an invalid file, naming the file and the field', async () => {
    const file = writeTempConfig(
      JSON.stringify({ markets: { SE: { currency: 'SEK' } }, options: { pay_now: { description: 'x' } } }),
    );
    await expect(startCheckout({ paymentOptionsFile: file })).rejects.toThrow(
      new RegExp(`${file.replaceAll(/[.\\/]/g, '\\$&')}[\\s\\S]*options\\.pay_now\\.markets`),
    );
  });
});
