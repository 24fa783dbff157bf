import { fundingModule } from '@paybench/payments-funding/module';
import type { ModuleDefinition } from '@paybench/platform-host';

/** The funding microservice links only the funding module; the modules it calls are reached over HTTP. */
export const linkedModules: readonly ModuleDefinition[] = [fundingModule];
