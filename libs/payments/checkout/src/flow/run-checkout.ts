import { isDomainError, throwIfBudgetSpent } from '@paybench/platform-contract';
import type { ModuleContext } from '@paybench/platform-host';
import type { Fallbacks } from '@paybench/platform-resilience';
import type { Order } from '@paybench/payments-orders';
import type { CheckoutRequest } from '../contract.js';
import { checkoutErrors } from '../contract.js';
import type { PaymentOptionsConfig, Step } from '../payment-options/schema.js';
import { configuredSteps } from './configured-steps.js';
import type { CheckoutDeps, checkoutDependencies } from './dependencies.js';
import type { FlowState, StepResult } from './flow-state.js';
import { itemsTotal } from './items-total.js';
import { runStep } from './steps/run-step.js';

export interface CheckoutFlowContext {
  readonly config: PaymentOptionsConfig;
  readonly deps: CheckoutDeps;
  readonly logger: ModuleContext<typeof checkoutDependencies>['logger'];
  /** Whether to take the configured fallbacks when a dependency fails (the deployment's resilience preset). */
  readonly fallbacks: Fallbacks;
}

/**
 * Runs the purchase flow the configuration prescribes for the request's option and market,
 * step by step in configured order, and returns the order (new, or the original on a retry).
 * Before each step it checks the request's budget: once the caller is gone or the deadline has
 * passed, no further module is called (a 503 `dependency_timeout`, or nothing for a caller who left).
 */
export async function runCheckout(request: CheckoutRequest, context: CheckoutFlowContext): Promise<Order> {
  const total = itemsTotal(request.items);
  if (total !== request.amount) throw checkoutErrors.amountMismatch(request.amount, total);

  let state: FlowState = { request, riskScore: 0 };
  for (const step of configuredSteps(context.config, request)) {
    const result = await runLoggedStep(step, state, context);
    if (result.kind === 'done') return result.order;
    state = result.state;
  }
  // Unreachable with a validated configuration, whose last step is always create_order.
  throw new Error(`payment option ${request.paymentOption} in ${request.market} ended without create_order`);
}

/** One log line per step, whatever its outcome: the per-step logging the benchmark measures. */
async function runLoggedStep(step: Step, state: FlowState, context: CheckoutFlowContext): Promise<StepResult> {
  const line = { step: step.step, paymentOption: state.request.paymentOption, market: state.request.market };
  try {
    throwIfBudgetSpent(`checkout step ${step.step}`);
    const result = await runStep(step, state, context.deps, context.fallbacks);
    context.logger.info({ ...line, outcome: result.outcome }, 'checkout step');
    return result;
  } catch (error) {
    const outcome = isDomainError(error) ? error.code : 'failed';
    context.logger.info({ ...line, outcome }, 'checkout step');
    throw error;
  }
}
