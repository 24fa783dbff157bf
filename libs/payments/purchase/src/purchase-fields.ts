import { z } from 'zod';

// The bounds of a purchase's fields, defined once. The public API (checkout's request) and every
// internal operation that carries a purchase (orders, risk, funding) use these same schemas, so
// a call the public API would refuse is refused the same way (400 naming the field) when it is
// made straight to a module's internal listener.

/** Largest amount of one purchase, in minor units (1 000 000.00 of a currency). */
export const MAX_AMOUNT = 100_000_000;
/** Most line items in one purchase. */
export const MAX_ITEMS = 100;

/** Ids of consumers, merchants, funding sources: opaque, short. */
export const EntityId = z.string().min(1).max(64);
export const MarketCode = z.string().regex(/^[A-Z]{2}$/, 'a market is two upper-case letters (ISO 3166-1 alpha-2)');
export const CurrencyCode = z.string().regex(/^[A-Z]{3}$/, 'a currency is three upper-case letters (ISO 4217)');
export const PaymentOptionName = z.string().min(1).max(64);
/** An amount in minor units (cents, öre). */
export const Amount = z.number().int().positive().max(MAX_AMOUNT);
export const IdempotencyKey = z.string().min(8).max(128);
/** Risk scores run from 0 (safest) to 1000. */
export const RiskScore = z.number().int().min(0).max(1000);

export const LineItem = z.object({
  sku: z.string().min(1).max(64),
  name: z.string().min(1).max(200),
  quantity: z.number().int().positive().max(1000),
  /** Minor units (cents, öre). */
  unitPrice: z.number().int().nonnegative().max(MAX_AMOUNT),
});
export type LineItem = z.infer<typeof LineItem>;

export const LineItems = z.array(LineItem).min(1).max(MAX_ITEMS);

/** Who buys what, where, how and for how much: the fields every module that handles a purchase reads. */
export const PurchaseParties = z.object({
  consumerId: EntityId,
  merchantId: EntityId,
  market: MarketCode,
  paymentOption: PaymentOptionName,
  amount: Amount,
  currency: CurrencyCode,
});
