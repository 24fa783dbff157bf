import type { FundingSource } from '@paybench/payments-funding';
import type { Order, OrderRequest } from '@paybench/payments-orders';
import type { CheckoutRequest } from '../contract.js';

/** What the flow has learned so far; each step reads it and returns the next version. */
export interface FlowState {
  readonly request: CheckoutRequest;
  /** Set by authenticate: the purchase as orders identifies it (with the consumer's id). */
  readonly orderRequest?: OrderRequest;
  readonly fundingSource?: FundingSource;
  /** Stays 0 when the flow has no assess_risk step. */
  readonly riskScore: number;
}

/** A step either hands the flow on or finishes it with the order (created or replayed). */
export type StepResult =
  | { readonly kind: 'continue'; readonly outcome: string; readonly state: FlowState }
  | { readonly kind: 'done'; readonly outcome: string; readonly order: Order };

/**
 * The configuration's order rules guarantee authenticate runs first; this turns a broken
 * guarantee into a clear failure instead of a call with an undefined consumer.
 */
export function requireOrderRequest(state: FlowState, step: string): OrderRequest {
  if (!state.orderRequest) throw new Error(`checkout step ${step} ran before authenticate`);
  return state.orderRequest;
}
