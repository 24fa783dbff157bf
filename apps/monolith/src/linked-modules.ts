import { authModule } from '@paybench/payments-auth/module';
import { checkoutModule } from '@paybench/payments-checkout/module';
import { fundingModule } from '@paybench/payments-funding/module';
import { ordersModule } from '@paybench/payments-orders/module';
import { riskModule } from '@paybench/payments-risk/module';
import type { ModuleDefinition } from '@paybench/platform-host';

/**
 * The modular monolith links every module. The topology decides which of them this process
 * hosts: all five for `monolith`, any subset for a hybrid partition such as `extract-risk`.
 */
export const linkedModules: readonly ModuleDefinition[] = [
  authModule,
  fundingModule,
  ordersModule,
  riskModule,
  checkoutModule,
];
