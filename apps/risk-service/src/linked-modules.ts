import { riskModule } from '@paybench/payments-risk/module';
import type { ModuleDefinition } from '@paybench/platform-host';

/** The risk microservice links only the risk module; the modules it calls are reached over HTTP. */
export const linkedModules: readonly ModuleDefinition[] = [riskModule];
