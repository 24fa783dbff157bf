import { checkoutErrors } from '../../contract.js';
import type { CheckoutDeps } from '../dependencies.js';
import type { FlowState, StepResult } from '../flow-state.js';

/**
 * Establishes who is buying, then asks orders whether this purchase was already made: the
 * replay check needs the consumer (part of what identifies a purchase) and must come before
 * any other step, so a retried request neither re-runs risk nor counts twice for velocity.
 * Auth errors and an idempotency conflict propagate unchanged.
 */
export async function authenticate(state: FlowState, deps: CheckoutDeps): Promise<StepResult> {
  const { request } = state;
  const principal = await deps.auth.authenticate({ token: request.consumerToken });
  if (principal.market !== request.market) throw checkoutErrors.marketMismatch(request.market, principal.market);

  const orderRequest = {
    consumerId: principal.consumerId,
    merchantId: request.merchantId,
    market: request.market,
    paymentOption: request.paymentOption,
    amount: request.amount,
    currency: request.currency,
    items: request.items,
  };
  const previous = await deps.orders.findByIdempotencyKey({
    idempotencyKey: request.idempotencyKey,
    request: orderRequest,
  });
  if (previous.status === 'replay') return { kind: 'done', outcome: 'replayed', order: previous.order };
  return { kind: 'continue', outcome: 'authenticated', state: { ...state, orderRequest } };
}
