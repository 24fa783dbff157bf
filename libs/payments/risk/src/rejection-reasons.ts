import type { z } from 'zod';
import type { RejectionReason, RiskLimits } from './contract.js';

export interface Observed {
  amount: number;
  recentOrders: number;
  score: number;
}

/** Every limit the purchase breaks, in a fixed order; none means approve. */
export function rejectionReasons(observed: Observed, limits: RiskLimits): z.infer<typeof RejectionReason>[] {
  const reasons: z.infer<typeof RejectionReason>[] = [];
  if (observed.amount > limits.maxAmount) reasons.push('amount_over_limit');
  if (observed.recentOrders >= limits.velocity.maxOrders) reasons.push('velocity_exceeded');
  if (observed.score > limits.maxScore) reasons.push('score_too_high');
  return reasons;
}
