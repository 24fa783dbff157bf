import { checkoutModule } from '@paybench/payments-checkout/module';
import type { ModuleDefinition } from '@paybench/platform-host';

/** The checkout microservice links only the checkout module; the modules it calls are reached over HTTP. */
export const linkedModules: readonly ModuleDefinition[] = [checkoutModule];
