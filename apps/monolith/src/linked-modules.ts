import { authModule } from '@paybench/payments-auth';
import { checkoutModule } from '@paybench/payments-checkout';
import { fundingModule } from '@paybench/payments-funding';
import { ordersModule } from '@paybench/payments-orders';
import { riskModule } from '@paybench/payments-risk';
import type { ModuleDefinition } from '@paybench/platform-host';

/**
 * The modular monolith links every module. The topology decides which of them this process
 * hosts: all five for `monolith`, any subset for a hybrid partition such as `extract-risk`.
 */
export const linkedModules: readonly ModuleDefinition[] = [authModule, fundingModule, ordersModule, riskModule, checkoutModule];
