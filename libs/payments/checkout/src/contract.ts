import { defineContract, DomainError } from '@paybench/platform-contract';
import { AuthenticateInput } from '@paybench/payments-auth';
import { Order } from '@paybench/payments-orders';
import {
  Amount,
  CurrencyCode,
  EntityId,
  IdempotencyKey,
  LineItems,
  MarketCode,
  PaymentOptionName,
} from '@paybench/payments-purchase';
import { z } from 'zod';

/**
 * The body of `POST /v1/checkout`. Amounts are integers in minor units. Every field has the
 * bounds the internal operations it reaches have too (orders' purchase fields, auth's token).
 */
export const CheckoutRequest = z.object({
  consumerToken: AuthenticateInput.shape.token,
  merchantId: EntityId,
  market: MarketCode,
  paymentOption: PaymentOptionName,
  amount: Amount,
  currency: CurrencyCode,
  items: LineItems,
  idempotencyKey: IdempotencyKey,
});
export type CheckoutRequest = z.infer<typeof CheckoutRequest>;

export const checkoutContract = defineContract({
  name: 'checkout',
  operations: {
    /** Runs the configured steps for the option and market; returns the created order. */
    checkout: { input: CheckoutRequest, output: Order },
  },
  publicRoutes: [
    { method: 'post', path: '/v1/checkout', operation: 'checkout', successStatus: 201, toInput: ({ body }) => body },
  ],
});

/** Business rejections answer 422 with the reason and the step that decided it. */
export const checkoutErrors = {
  rejected: (step: string, reason: string, details: Record<string, unknown> = {}) =>
    new DomainError('payment_rejected', 422, `payment rejected at ${step}: ${reason}`, { step, reason, ...details }),
  optionUnavailable: (paymentOption: string, market: string) =>
    new DomainError('option_unavailable', 422, `payment option ${paymentOption} is not offered in market ${market}`, {
      paymentOption,
      market,
    }),
  currencyMismatch: (market: string, expected: string, got: string) =>
    new DomainError('currency_mismatch', 422, `market ${market} settles in ${expected}, not ${got}`, {
      market,
      expected,
      got,
    }),
  amountMismatch: (amount: number, itemsTotal: number) =>
    new DomainError('amount_mismatch', 400, `amount ${amount} does not equal the items' total ${itemsTotal}`, {
      amount,
      itemsTotal,
    }),
  marketMismatch: (market: string, consumerMarket: string) =>
    new DomainError('market_mismatch', 422, `consumer belongs to market ${consumerMarket}, not ${market}`, {
      market,
      consumerMarket,
    }),
};
