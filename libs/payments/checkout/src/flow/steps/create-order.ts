import type { CreateOrderStep } from '../../payment-options/schema.js';
import type { CheckoutDeps } from '../dependencies.js';
import { requireOrderRequest, type FlowState, type StepResult } from '../flow-state.js';

/**
 * Creates the order under the configured settlement terms. Orders answers a repeated key with
 * the original order, which is what makes two concurrent identical requests end in one order.
 */
export async function createOrder(step: CreateOrderStep, state: FlowState, deps: CheckoutDeps): Promise<StepResult> {
  const request = requireOrderRequest(state, step.step);
  if (!state.fundingSource) throw new Error('checkout step create_order ran before collect_funding');
  const { id, type } = state.fundingSource;
  const order = await deps.orders.createOrder({
    idempotencyKey: state.request.idempotencyKey,
    request,
    fundingSource: { id, type },
    riskScore: state.riskScore,
    terms: step.terms,
  });
  return { kind: 'done', outcome: order.status, order };
}
