import { MAX_ACTIVITY_WINDOW_MINUTES } from '@paybench/payments-orders';
import { Amount, PurchaseParties, RiskScore } from '@paybench/payments-purchase';
import { defineContract } from '@paybench/platform-contract';
import { z } from 'zod';

/** Per-market, per-option limits: they come from the payment option's configuration. */
export const RiskLimits = z.object({
  maxAmount: Amount,
  /** Scores run from 0 (safest) to 1000; above this the purchase is rejected. */
  maxScore: RiskScore,
  velocity: z.object({
    /** Orders answers for at most this window, so a longer one is refused here, not there. */
    windowMinutes: z.number().int().positive().max(MAX_ACTIVITY_WINDOW_MINUTES),
    maxOrders: z.number().int().positive().max(1_000_000),
  }),
});
export type RiskLimits = z.infer<typeof RiskLimits>;

/** The purchase as checkout knows it, with the same bounds as the public API's fields. */
export const AssessInput = PurchaseParties.extend({ limits: RiskLimits });

export const RejectionReason = z.enum(['amount_over_limit', 'velocity_exceeded', 'score_too_high']);

/** A rejection is a business outcome (decision 'reject'), never an error. */
export const Assessment = z.object({
  assessmentId: z.string(),
  decision: z.enum(['approve', 'reject']),
  score: RiskScore,
  reasons: z.array(RejectionReason),
});
export type Assessment = z.infer<typeof Assessment>;

export const riskContract = defineContract({
  name: 'risk',
  operations: {
    assess: { input: AssessInput, output: Assessment },
  },
});
