import { Amount, CurrencyCode, EntityId } from '@paybench/payments-purchase';
import { defineContract } from '@paybench/platform-contract';
import { z } from 'zod';

export const FundingSourceType = z.enum(['card', 'bank_account']);
export type FundingSourceType = z.infer<typeof FundingSourceType>;

export const FundingSource = z.object({
  id: z.string(),
  type: FundingSourceType,
  currency: z.string().length(3),
  /** Last four digits of the card or account number, for display. */
  last4: z.string().length(4),
});
export type FundingSource = z.infer<typeof FundingSource>;

/** The purchase's fields with the same bounds as the public API's (orders' purchase fields). */
export const SelectSourceInput = z.object({
  consumerId: EntityId,
  currency: CurrencyCode,
  amount: Amount,
  /** Allowed types in order of preference (from the payment option's configuration). */
  allowedTypes: z.array(FundingSourceType).min(1).max(FundingSourceType.options.length),
});

/** Not finding a source is a business outcome, not an error. */
export const SelectSourceOutput = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('selected'), source: FundingSource }),
  z.object({ outcome: z.literal('none'), reason: z.enum(['no_eligible_source', 'limit_exceeded']) }),
]);
export type SelectSourceOutput = z.infer<typeof SelectSourceOutput>;

export const fundingContract = defineContract({
  name: 'funding',
  operations: {
    /** Picks the consumer's first active source of an allowed type whose limit covers the amount. */
    selectSource: { input: SelectSourceInput, output: SelectSourceOutput, idempotent: true },
  },
});
