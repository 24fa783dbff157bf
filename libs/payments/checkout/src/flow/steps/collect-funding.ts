import { checkoutErrors } from '../../contract.js';
import type { CollectFundingStep } from '../../payment-options/schema.js';
import type { CheckoutDeps } from '../dependencies.js';
import { requireOrderRequest, type FlowState, type StepResult } from '../flow-state.js';

/** Picks the consumer's funding source among the configured types, in their order of preference. */
export async function collectFunding(
  step: CollectFundingStep,
  state: FlowState,
  deps: CheckoutDeps,
): Promise<StepResult> {
  const { consumerId, currency, amount } = requireOrderRequest(state, step.step);
  const selection = await deps.funding.selectSource({ consumerId, currency, amount, allowedTypes: step.sourceTypes });
  if (selection.outcome === 'none') throw checkoutErrors.rejected(step.step, selection.reason);
  return { kind: 'continue', outcome: 'selected', state: { ...state, fundingSource: selection.source } };
}
