import { consumers, MARKETS, tokenFor, type ConsumerSeed } from '@paybench/payments-dataset';
import { RequestLedger, type TrafficClass } from '@paybench/bench-load';
import {
  ORDER_STATUS_CLASS,
  PAYMENT_OPTIONS,
  trafficClassWeights,
  type PaymentOptionName,
  type Scenario,
} from '@paybench/bench-scenario';

/** Everything needed to rebuild the traffic in another process: plain data, sent over IPC. */
export interface TrafficPlan {
  seed: number;
  population: number;
  authSecret: string;
  /** Makes idempotency keys unique per cell, so cells never replay each other's orders. */
  runTag: string;
  mix: Scenario['mix'];
  /** Orders created before the measured window; order-status requests read them. */
  orderIds: string[];
}

const CATALOGUE = [
  { sku: 'SHOE-RUN-42', name: 'Running shoes', unitPrice: 8_900 },
  { sku: 'SOCK-3PK', name: 'Socks, 3 pack', unitPrice: 1_290 },
  { sku: 'JACKET-RAIN', name: 'Rain jacket', unitPrice: 14_900 },
  { sku: 'BOTTLE-1L', name: 'Water bottle', unitPrice: 1_990 },
  { sku: 'HEADLAMP', name: 'Head lamp', unitPrice: 3_490 },
] as const;

/** A deterministic 32-bit hash of (seed, index): request i is the same in every run of a seed. */
function mix32(seed: number, index: number): number {
  let h = (seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * A purchase of the i-th request: consumer, option, basket, all drawn from the seed. With `option`, the i-th request
 * of that option's class: its own draws (the seed salted by the option) and idempotency keys, so that classes never
 * share a purchase; without, the option is drawn too (the closed loop's checkouts, the orders primed for reads).
 */
export function checkoutBody(
  plan: TrafficPlan,
  buyers: readonly ConsumerSeed[],
  tokens: Map<number, string>,
  i: number,
  option?: PaymentOptionName,
): string {
  const salt = option === undefined ? 0 : Math.imul(PAYMENT_OPTIONS.indexOf(option) + 1, 0x632be5ab);
  const h = mix32((plan.seed ^ salt) >>> 0, i);
  const consumer = buyers[h % buyers.length] as ConsumerSeed;
  let token = tokens.get(consumer.index);
  if (!token) tokens.set(consumer.index, (token = tokenFor(plan.seed, consumer, plan.authSecret)));
  const lines = 1 + ((h >>> 8) % 3);
  const items = Array.from({ length: lines }, (_, k) => {
    const product = CATALOGUE[((h >>> 12) + k) % CATALOGUE.length] as (typeof CATALOGUE)[number];
    return { ...product, quantity: 1 + ((h >>> (16 + k)) & 1) };
  });
  return JSON.stringify({
    consumerToken: token,
    merchantId: `merchant-${(h >>> 20) % 50}`,
    market: consumer.market,
    paymentOption: option ?? PAYMENT_OPTIONS[(h >>> 4) % PAYMENT_OPTIONS.length],
    amount: items.reduce((sum, item) => sum + item.quantity * item.unitPrice, 0),
    currency: MARKETS[consumer.market].currency,
    items,
    idempotencyKey: option === undefined ? `${plan.runTag}-${i}` : `${plan.runTag}-${option}-${i}`,
  });
}

/** A checkout class's ledger (reconciliation): how each of its requests ended, with the id each 201 created. */
export function checkoutLedger(): RequestLedger {
  return new RequestLedger({ idField: 'id' });
}

/** Active consumers only: a blocked consumer's purchase is a 401, which is not the traffic we mean. */
export function buyersOf(plan: TrafficPlan): ConsumerSeed[] {
  return consumers(plan.seed, plan.population).filter((c) => c.status === 'active');
}

/**
 * The traffic classes of the mix: one per payment option (the whole flow, every module, in the option's order of
 * steps) and order-status reads (GET /v1/orders/:id, which touches only `orders`). With them in one load, a report
 * shows which flows a fault reaches (blast radius).
 */
export function trafficClasses(
  plan: TrafficPlan,
  options: {
    /** Filled with a ledger per checkout class, by class name (reconciliation). */ checkoutLedgers?: Map<
      string,
      RequestLedger
    >;
  } = {},
): TrafficClass[] {
  const buyers = buyersOf(plan);
  const tokens = new Map<number, string>();
  const headers = { 'content-type': 'application/json' };
  const ids = plan.orderIds;
  return trafficClassWeights(plan.mix).flatMap(({ name, weight, option }): TrafficClass[] => {
    if (option !== undefined) {
      const next = (i: number) => checkoutBody(plan, buyers, tokens, i, option);
      const ledger = options.checkoutLedgers ? checkoutLedger() : undefined;
      if (ledger) options.checkoutLedgers?.set(name, ledger);
      return [
        {
          name,
          weight,
          next: (i) => ({ method: 'POST', path: '/v1/checkout', headers, body: next(i) }),
          ...(ledger ? { ledger } : {}),
        },
      ];
    }
    if (name !== ORDER_STATUS_CLASS || ids.length === 0) return [];
    return [{ name, weight, next: (i) => ({ method: 'GET', path: `/v1/orders/${ids[i % ids.length]}` }) }];
  });
}

/** The closed loop's checkouts (autocannon, no classes): the option drawn per request, as before classes. */
export function checkoutRequests(plan: TrafficPlan): TrafficClass['next'] {
  const buyers = buyersOf(plan);
  const tokens = new Map<number, string>();
  const headers = { 'content-type': 'application/json' };
  return (i) => ({ method: 'POST', path: '/v1/checkout', headers, body: checkoutBody(plan, buyers, tokens, i) });
}
