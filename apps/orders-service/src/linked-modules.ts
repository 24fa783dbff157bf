import { ordersModule } from '@paybench/payments-orders/module';
import type { ModuleDefinition } from '@paybench/platform-host';

/** The orders microservice links only the orders module; the modules it calls are reached over HTTP. */
export const linkedModules: readonly ModuleDefinition[] = [ordersModule];
