import { defineModule } from '@paybench/platform-host';
import { CheckoutSettings } from './checkout-settings.js';
import { checkoutContract } from './contract.js';
import { checkoutDependencies } from './flow/dependencies.js';
import { runCheckout } from './flow/run-checkout.js';
import { loadPaymentOptions } from './payment-options/load-payment-options.js';

/**
 * The purchase flow. Which payment options exist, in which markets, with which steps and
 * parameters, is read once at start-up from the payment options file: a new option is a
 * configuration change, not a code change. An invalid file stops the process before it serves.
 */
export const checkoutModule = defineModule({
  name: 'checkout',
  contract: checkoutContract,
  dependencies: checkoutDependencies,
  settings: CheckoutSettings,
  create: ({ deps, logger, settings, fallbacks }) => {
    const file = settings.paymentOptionsFile;
    const config = loadPaymentOptions(file);
    logger.info(
      { file, options: Object.keys(config.options), markets: Object.keys(config.markets) },
      'payment options loaded',
    );
    return { checkout: (request) => runCheckout(request, { config, deps, logger, fallbacks }) };
  },
});
