import { defineModule } from '@paybench/platform-host';
import { AuthSettings } from './auth-settings.js';
import { createAuthenticate } from './authenticate.js';
import { openConsumerDirectory } from './consumer-directory.js';
import { authContract } from './contract.js';

/** Auth verifies consumer tokens against its own table of consumers. */
export const authModule = defineModule({
  name: 'auth',
  contract: authContract,
  dependencies: {},
  settings: AuthSettings,
  create: ({ db, logger, settings }) => {
    const { seed, consumers, authSecret, maxTokenLifetimeSeconds } = settings;
    const directory = openConsumerDirectory(db, { seed, consumers });
    return { authenticate: createAuthenticate({ directory, secret: authSecret, maxTokenLifetimeSeconds, logger }) };
  },
});
