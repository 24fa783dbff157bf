import type { Fallbacks } from '@paybench/platform-resilience';
import type { Step } from '../../payment-options/schema.js';
import type { CheckoutDeps } from '../dependencies.js';
import type { FlowState, StepResult } from '../flow-state.js';
import { assessRisk } from './assess-risk.js';
import { authenticate } from './authenticate.js';
import { collectFunding } from './collect-funding.js';
import { createOrder } from './create-order.js';

/** The one place a configured step name meets the code that performs it. */
export function runStep(step: Step, state: FlowState, deps: CheckoutDeps, fallbacks: Fallbacks): Promise<StepResult> {
  switch (step.step) {
    case 'authenticate':
      return authenticate(state, deps);
    case 'collect_funding':
      return collectFunding(step, state, deps);
    case 'assess_risk':
      return assessRisk(step, state, deps, fallbacks);
    case 'create_order':
      return createOrder(step, state, deps);
  }
}
