import { isDependencyFailure, type Fallbacks } from '@paybench/platform-resilience';
import { checkoutErrors } from '../../contract.js';
import type { AssessRiskStep, RiskFallback } from '../../payment-options/schema.js';
import type { CheckoutDeps } from '../dependencies.js';
import { requireOrderRequest, type FlowState, type StepResult } from '../flow-state.js';

/**
 * Asks risk for a decision under the limits this option sets in this market. When risk fails (not a
 * rejection: no answer, a late one, a server error, a breaker or bulkhead refusal) and the deployment's
 * preset takes fallbacks, the option's configured fallback decides instead, and is counted.
 */
export async function assessRisk(
  step: AssessRiskStep,
  state: FlowState,
  deps: CheckoutDeps,
  fallbacks: Fallbacks,
): Promise<StepResult> {
  const { consumerId, merchantId, market, paymentOption, amount, currency } = requireOrderRequest(state, step.step);
  const { maxAmount, maxScore, velocity } = step;
  let assessment;
  try {
    assessment = await deps.risk.assess({
      consumerId,
      merchantId,
      market,
      paymentOption,
      amount,
      currency,
      limits: { maxAmount, maxScore, velocity },
    });
  } catch (error) {
    if (!step.fallback || !fallbacks.enabled || !isDependencyFailure(error)) throw error;
    fallbacks.taken('risk');
    return fallBack(step.fallback, state, amount);
  }
  if (assessment.decision === 'reject') {
    throw checkoutErrors.rejected(step.step, assessment.reasons.join(','), {
      score: assessment.score,
      reasons: assessment.reasons,
    });
  }
  return { kind: 'continue', outcome: 'approved', state: { ...state, riskScore: assessment.score } };
}

/** Decides without risk: approved ones carry score 0 (no assessment was made); declines name why. */
function fallBack(fallback: RiskFallback, state: FlowState, amount: number): StepResult {
  if (fallback.decision === 'approve_below' && amount < fallback.amount) {
    return { kind: 'continue', outcome: 'fallback_approved', state: { ...state, riskScore: 0 } };
  }
  throw checkoutErrors.rejected('assess_risk', 'risk_unavailable', { fallback: fallback.decision });
}
