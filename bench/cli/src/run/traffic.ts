import { consumers, MARKETS, tokenFor, type ConsumerSeed } from '@paybench/payments-dataset';
import { RequestLedger, type TrafficClass } from '@paybench/bench-load';

/** Everything needed to rebuild the traffic in another process: plain data, sent over IPC. */
export interface TrafficPlan {
  seed: number;
  population: number;
  authSecret: string;
  /** Makes idempotency keys unique per cell, so cells never replay each other's orders. */
  runTag: string;
  mix: { checkout: number; orderStatus: number };
  /** Orders created before the measured window; order-status requests read them. */
  orderIds: string[];
}

const OPTIONS = ['pay_now', 'pay_later', 'pay_over_time'] as const;
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

/** A purchase of the i-th request: consumer, option, basket, all drawn from the seed. */
export function checkoutBody(
  plan: TrafficPlan,
  buyers: readonly ConsumerSeed[],
  tokens: Map<number, string>,
  i: number,
): string {
  const h = mix32(plan.seed, i);
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
    paymentOption: OPTIONS[(h >>> 4) % OPTIONS.length],
    amount: items.reduce((sum, item) => sum + item.quantity * item.unitPrice, 0),
    currency: MARKETS[consumer.market].currency,
    items,
    idempotencyKey: `${plan.runTag}-${i}`,
  });
}

/** The checkouts' ledger (reconciliation): how each ended, with the id of each order a 201 created. */
export function checkoutLedger(): RequestLedger {
  return new RequestLedger({ idField: 'id' });
}

/** Active consumers only: a blocked consumer's purchase is a 401, which is not the traffic we mean. */
export function buyersOf(plan: TrafficPlan): ConsumerSeed[] {
  return consumers(plan.seed, plan.population).filter((c) => c.status === 'active');
}

/**
 * The two traffic classes: checkouts (the whole flow, every module) and order-status reads
 * (GET /v1/orders/:id, which touches only `orders`). With both in one load, a report shows
 * which flows a fault reaches.
 */
export function trafficClasses(plan: TrafficPlan, options: { checkoutLedger?: RequestLedger } = {}): TrafficClass[] {
  const buyers = buyersOf(plan);
  const tokens = new Map<number, string>();
  const headers = { 'content-type': 'application/json' };
  const classes: TrafficClass[] = [];
  if (plan.mix.checkout > 0) {
    classes.push({
      name: 'checkout',
      weight: plan.mix.checkout,
      next: (i) => ({ method: 'POST', path: '/v1/checkout', headers, body: checkoutBody(plan, buyers, tokens, i) }),
      ...(options.checkoutLedger ? { ledger: options.checkoutLedger } : {}),
    });
  }
  if (plan.mix.orderStatus > 0 && plan.orderIds.length > 0) {
    const ids = plan.orderIds;
    classes.push({
      name: 'orderStatus',
      weight: plan.mix.orderStatus,
      next: (i) => ({ method: 'GET', path: `/v1/orders/${ids[i % ids.length]}` }),
    });
  }
  return classes;
}
