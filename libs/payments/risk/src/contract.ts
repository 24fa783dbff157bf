import { defineContract } from '@paybench/platform-contract';
import { z } from 'zod';

/** Per-market, per-option limits: they come from the payment option's configuration. */
export const RiskLimits = z.object({
  maxAmount: z.number().int().positive(),
  /** Scores run from 0 (safest) to 1000; above this the purchase is rejected. */
  maxScore: z.number().int().min(0).max(1000),
  velocity: z.object({
    windowMinutes: z.number().int().positive(),
    maxOrders: z.number().int().positive(),
  }),
});
export type RiskLimits = z.infer<typeof RiskLimits>;

export const AssessInput = z.object({
  consumerId: z.string().min(1),
  merchantId: z.string().min(1),
  market: z.string().min(1),
  paymentOption: z.string().min(1),
  amount: z.number().int().positive(),
  currency: z.string().length(3),
  limits: RiskLimits,
});

export const RejectionReason = z.enum(['amount_over_limit', 'velocity_exceeded', 'score_too_high']);

/** A rejection is a business outcome (decision 'reject'), never an error. */
export const Assessment = z.object({
  assessmentId: z.string(),
  decision: z.enum(['approve', 'reject']),
  score: z.number().int().min(0).max(1000),
  reasons: z.array(RejectionReason),
});
export type Assessment = z.infer<typeof Assessment>;

export const riskContract = defineContract({
  name: 'risk',
  operations: {
    assess: { input: AssessInput, output: Assessment },
  },
});
