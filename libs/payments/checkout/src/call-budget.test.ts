import { randomUUID } from 'node:crypto';
import { authModule } from '@paybench/payments-auth/module';
import { consumers, DEV_AUTH_SECRET, tokenFor } from '@paybench/payments-dataset';
import { fundingModule } from '@paybench/payments-funding/module';
import { ordersModule } from '@paybench/payments-orders/module';
import { riskModule } from '@paybench/payments-risk/module';
import { CallBudget, DomainError, runWithBudget, type Contract, type ContractApi } from '@paybench/platform-contract';
import { composeModules } from '@paybench/platform-host';
import { createLogger } from '@paybench/platform-logging';
import { openDatabase, type Database } from '@paybench/platform-storage';
import { beforeEach, describe, expect, it } from 'vitest';
import { checkoutContract, type CheckoutRequest } from './index.js';
import { checkoutModule } from './module-entry.js';

// The checkout flow stops between steps once its request's caller is gone or its deadline has
// passed, so it calls no further module; and an order committed for a request whose caller got
// a 503 instead (the reply came too late) is what a retry with the same key returns.

const SEED = 42;
const population = consumers(SEED, 200);
const buyer = population.find((c) => c.status === 'active' && c.market === 'SE' && c.riskSegment === 'low');
if (!buyer) throw new Error('the population has no low-risk active consumer in SE');

let db: Database;
/** Module calls made by checkout, in order: `risk.assess`, `orders.createOrder`... */
let calls: string[];
let checkout: ContractApi<typeof checkoutContract>;
/** Runs after each module call returned (e.g. after orders committed: the reply is lost or late). */
let afterCall: (call: string) => void;

/** The monolith in miniature, with every module call checkout makes recorded on the way. */
async function start(): Promise<void> {
  db = openDatabase(':memory:');
  calls = [];
  afterCall = () => undefined;
  const apis = await composeModules({
    modules: [authModule, fundingModule, riskModule, ordersModule],
    hosted: ['auth', 'funding', 'risk', 'orders'],
    db,
    logger: createLogger({ processName: 'budget-test', level: 'silent' }).logger,
    settings: { seed: SEED, consumers: population.length },
  });
  const recorded = (contract: Contract): ContractApi<Contract> => {
    const api = apis.get(contract.name) as unknown as Record<string, (input: unknown) => Promise<unknown>>;
    const wrapped: Record<string, (input: unknown) => Promise<unknown>> = {};
    for (const name of Object.keys(contract.operations)) {
      wrapped[name] = async (input) => {
        calls.push(`${contract.name}.${name}`);
        const result = await (api[name] as (input: unknown) => Promise<unknown>)(input);
        afterCall(`${contract.name}.${name}`);
        return result;
      };
    }
    return wrapped as unknown as ContractApi<Contract>;
  };
  const composed = await composeModules({
    modules: [checkoutModule],
    hosted: ['checkout'],
    remote: recorded,
    db,
    logger: createLogger({ processName: 'budget-test', level: 'silent' }).logger,
    settings: { seed: SEED, consumers: population.length },
  });
  checkout = composed.get('checkout') as ContractApi<typeof checkoutContract>;
}

function purchase(): CheckoutRequest {
  return {
    consumerToken: tokenFor(SEED, buyer as NonNullable<typeof buyer>, DEV_AUTH_SECRET),
    merchantId: 'merchant-test',
    market: 'SE',
    paymentOption: 'pay_later',
    amount: 20_000,
    currency: 'SEK',
    items: [{ sku: 'sku-1', name: 'Lamp', quantity: 1, unitPrice: 20_000 }],
    idempotencyKey: `budget-${randomUUID()}`,
  };
}

const orderCount = () => (db.prepare('SELECT count(*) AS n FROM orders_orders').get() as { n: number }).n;

beforeEach(start);

describe('a request budget in the checkout flow', () => {
  it('runs every step while the budget lasts', async () => {
    const order = await runWithBudget(new CallBudget(60_000), () => checkout.checkout(purchase()));
    expect(order.status).toBe('awaiting_payment');
    expect(calls).toEqual([
      'auth.authenticate',
      'orders.findByIdempotencyKey',
      'risk.assess',
      'funding.selectSource',
      'orders.createOrder',
    ]);
  });

  it('calls no further module once the caller is gone', async () => {
    const budget = new CallBudget(60_000);
    // pay_later runs authenticate, assess_risk, collect_funding, create_order: the caller leaves during assess_risk.
    afterCall = (call) => {
      if (call === 'risk.assess') budget.cancel();
    };
    const error = await runWithBudget(budget, () => checkout.checkout(purchase())).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'caller_gone' });
    expect(calls).toEqual(['auth.authenticate', 'orders.findByIdempotencyKey', 'risk.assess']);
    expect(orderCount()).toBe(0);
  });

  it('calls no module at all with a spent budget, and answers the 503 dependency_timeout', async () => {
    const error = await runWithBudget(new CallBudget(0), () => checkout.checkout(purchase())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'dependency_timeout', status: 503 });
    expect(calls).toEqual([]);
  });

  it('returns, to a retry with the same key, the order committed for a request that got a 503', async () => {
    const body = purchase();
    afterCall = (call) => {
      if (call === 'orders.createOrder') {
        const late = 'dependency "orders" did not answer within 1 ms';
        throw new DomainError('dependency_timeout', 503, late, { dependency: 'orders' });
      }
    };
    const lost = await checkout.checkout(body).catch((e: unknown) => e);
    expect(lost).toMatchObject({ code: 'dependency_timeout', status: 503 });
    expect(orderCount()).toBe(1);
    const committed = db.prepare('SELECT id FROM orders_orders').get() as { id: string };

    afterCall = () => undefined;
    const retried = await checkout.checkout(body);
    expect(retried.id).toBe(committed.id);
    expect(orderCount()).toBe(1);
  });
});
