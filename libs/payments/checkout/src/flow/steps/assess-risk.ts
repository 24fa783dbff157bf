import { checkoutErrors } from '../../contract.js';
import type { AssessRiskStep } from '../../payment-options/schema.js';
import type { CheckoutDeps } from '../dependencies.js';
import { requireOrderRequest, type FlowState, type StepResult } from '../flow-state.js';

/** Asks risk for a decision under the limits this option sets in this market. */
export async function assessRisk(step: AssessRiskStep, state: FlowState, deps: CheckoutDeps): Promise<StepResult> {
  const { consumerId, merchantId, market, paymentOption, amount, currency } = requireOrderRequest(state, step.step);
  const { maxAmount, maxScore, velocity } = step;
  const assessment = await deps.risk.assess({
    consumerId,
    merchantId,
    market,
    paymentOption,
    amount,
    currency,
    limits: { maxAmount, maxScore, velocity },
  });
  if (assessment.decision === 'reject') {
    throw checkoutErrors.rejected(step.step, assessment.reasons.join(','), {
      score: assessment.score,
      reasons: assessment.reasons,
    });
  }
  return { kind: 'continue', outcome: 'approved', state: { ...state, riskScore: assessment.score } };
}
