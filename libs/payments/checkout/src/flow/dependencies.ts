import { authContract } from '@paybench/payments-auth';
import { fundingContract } from '@paybench/payments-funding';
import { ordersContract } from '@paybench/payments-orders';
import { riskContract } from '@paybench/payments-risk';
import type { DependencyApis } from '@paybench/platform-host';

/** The modules checkout calls, by contract only: in-process or remote is the host's choice. */
export const checkoutDependencies = {
  auth: authContract,
  funding: fundingContract,
  risk: riskContract,
  orders: ordersContract,
};

export type CheckoutDeps = DependencyApis<typeof checkoutDependencies>;
