import type { CheckoutRequest } from '../contract.js';
import { checkoutErrors } from '../contract.js';
import type { PaymentOptionsConfig, Step } from '../payment-options/schema.js';

/**
 * The steps the configuration prescribes for this request's option and market. Whether an
 * option exists in a market, and in which currency that market settles, is data, not code.
 */
export function configuredSteps(config: PaymentOptionsConfig, request: CheckoutRequest): readonly Step[] {
  const { paymentOption, market, currency } = request;
  const marketSettings = Object.hasOwn(config.markets, market) ? config.markets[market] : undefined;
  const option = Object.hasOwn(config.options, paymentOption) ? config.options[paymentOption] : undefined;
  const inMarket = option && Object.hasOwn(option.markets, market) ? option.markets[market] : undefined;
  if (!marketSettings || !inMarket) throw checkoutErrors.optionUnavailable(paymentOption, market);
  if (currency !== marketSettings.currency)
    throw checkoutErrors.currencyMismatch(market, marketSettings.currency, currency);
  return inMarket.steps;
}
