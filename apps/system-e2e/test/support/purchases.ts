import {
  consumers,
  DEV_AUTH_SECRET,
  fundingSourcesOf,
  MARKETS,
  tokenFor,
  type ConsumerSeed,
  type Market,
} from '@paybench/payments-dataset';
import { CONSUMERS, SEED } from './start-system.js';

const population = consumers(SEED, CONSUMERS);

/** A low-risk active consumer of a market with an active card: purchases by them are approved. */
export function goodConsumer(market: Market, skip = 0): ConsumerSeed {
  const found = population.filter(
    (c) =>
      c.market === market &&
      c.status === 'active' &&
      c.riskSegment === 'low' &&
      fundingSourcesOf(SEED, c).some((s) => s.type === 'card' && s.status === 'active'),
  )[skip];
  if (!found) throw new Error(`no good consumer in ${market}`);
  return found;
}

let sequence = 0;

/** A valid checkout body; `overrides` replace top-level fields. */
export function purchase(
  market: Market,
  paymentOption: string,
  overrides: Record<string, unknown> = {},
  consumer = goodConsumer(market),
) {
  const items = [
    { sku: 'SKU-1', name: 'Running shoes', quantity: 1, unitPrice: 8900 },
    { sku: 'SKU-2', name: 'Socks', quantity: 2, unitPrice: 550 },
  ];
  return {
    consumerToken: tokenFor(SEED, consumer, DEV_AUTH_SECRET),
    merchantId: 'merchant-42',
    market,
    paymentOption,
    amount: 10_000,
    currency: MARKETS[market].currency,
    items,
    idempotencyKey: `e2e-${process.pid}-${Date.now()}-${++sequence}`,
    ...overrides,
  };
}

export interface Reply {
  status: number;
  body: Record<string, unknown>;
}

export async function post(
  url: string,
  body: unknown,
  headers: Record<string, string> = { 'content-type': 'application/json' },
): Promise<Reply> {
  const res = await fetch(`${url}/v1/checkout`, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

export async function get(url: string, path: string): Promise<Reply> {
  const res = await fetch(`${url}${path}`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** Drops what legitimately differs between runs (ids, timestamps), keeping everything else. */
export function normalise(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalise);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(
          ([key]) => !['id', 'orderId', 'createdAt', 'capturedAt', 'idempotencyKey', 'consumerToken'].includes(key),
        )
        .map(([key, v]) => [key, normalise(v)]),
    );
  }
  return value;
}
