import { authModule } from '@paybench/payments-auth/module';
import type { ModuleDefinition } from '@paybench/platform-host';

/** The auth microservice links only the auth module; the modules it calls are reached over HTTP. */
export const linkedModules: readonly ModuleDefinition[] = [authModule];
