import { FundingSourceType } from '@paybench/payments-funding';
import { SettlementTerms } from '@paybench/payments-orders';
import { Amount } from '@paybench/payments-purchase';
import { RiskLimits } from '@paybench/payments-risk';
import { z } from 'zod';
import { checkStepOrder } from './step-order.js';

// Configuration is data written by hand: every object is strict, so a misspelt key
// ("maxAmmount") is an error at start-up rather than a silently ignored limit.

const MarketCode = z.string().regex(/^[A-Z]{2}$/, 'market codes are two upper-case letters (ISO 3166-1 alpha-2)');
const CurrencyCode = z.string().regex(/^[A-Z]{3}$/, 'currencies are three upper-case letters (ISO 4217)');
const OptionName = z.string().regex(/^[a-z][a-z0-9_]*$/, 'option names are lower_snake_case');

export const MarketSettings = z.strictObject({ currency: CurrencyCode });
export type MarketSettings = z.infer<typeof MarketSettings>;

/** Verifies the consumer token; the consumer it names must belong to the request's market. */
export const AuthenticateStep = z.strictObject({ step: z.literal('authenticate') });
export type AuthenticateStep = z.infer<typeof AuthenticateStep>;

/** Picks a funding source; `sourceTypes` is the allowed types in order of preference. */
export const CollectFundingStep = z.strictObject({
  step: z.literal('collect_funding'),
  sourceTypes: z
    .array(FundingSourceType)
    .min(1)
    .refine((types) => new Set(types).size === types.length, 'source types must not repeat'),
});
export type CollectFundingStep = z.infer<typeof CollectFundingStep>;

/**
 * What to decide when risk cannot answer (unavailable, too slow, refused by a breaker or a bulkhead): `decline`
 * with the reason `risk_unavailable`, or approve a purchase below `amount` (minor units) and decline the rest.
 * Taken only under a resilience preset with fallbacks; without one, the purchase fails with risk's 503.
 */
export const RiskFallback = z.discriminatedUnion('decision', [
  z.strictObject({ decision: z.literal('decline') }),
  z.strictObject({ decision: z.literal('approve_below'), amount: Amount }),
]);
export type RiskFallback = z.infer<typeof RiskFallback>;

/** Asks risk for a decision under these limits (risk's own RiskLimits, flattened into the step). */
export const AssessRiskStep = z.strictObject({
  step: z.literal('assess_risk'),
  ...RiskLimits.shape,
  fallback: RiskFallback.optional(),
});
export type AssessRiskStep = z.infer<typeof AssessRiskStep>;

/** Creates the order with these settlement terms (orders' own SettlementTerms). */
export const CreateOrderStep = z.strictObject({ step: z.literal('create_order'), terms: SettlementTerms });
export type CreateOrderStep = z.infer<typeof CreateOrderStep>;

export const Step = z.discriminatedUnion('step', [
  AuthenticateStep,
  CollectFundingStep,
  AssessRiskStep,
  CreateOrderStep,
]);
export type Step = z.infer<typeof Step>;
export type StepName = Step['step'];

/** What one option does in one market: its steps, run in this order. */
export const OptionInMarket = z.strictObject({ steps: z.array(Step).min(1).superRefine(checkStepOrder) });
export type OptionInMarket = z.infer<typeof OptionInMarket>;

export const PaymentOption = z.strictObject({
  description: z.string().min(1),
  markets: z.record(MarketCode, OptionInMarket),
});
export type PaymentOption = z.infer<typeof PaymentOption>;

export const PaymentOptionsConfig = z
  .strictObject({
    markets: z.record(MarketCode, MarketSettings),
    options: z.record(OptionName, PaymentOption),
  })
  .superRefine((config, ctx) => {
    for (const [optionName, option] of Object.entries(config.options)) {
      for (const market of Object.keys(option.markets)) {
        if (!(market in config.markets)) {
          ctx.addIssue({
            code: 'custom',
            path: ['options', optionName, 'markets', market],
            message: `market ${market} is not declared in "markets" (declared: ${Object.keys(config.markets).join(', ') || 'none'})`,
          });
        }
      }
    }
  });
export type PaymentOptionsConfig = z.infer<typeof PaymentOptionsConfig>;
