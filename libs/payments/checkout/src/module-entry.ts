// The checkout module's implementation (`@paybench/payments-checkout/module`), for composition roots only:
// the apps, and tests that compose modules. Other payments modules see checkout through its contract, the
// package root; eslint.config.mjs keeps it so.
export { checkoutModule } from './checkout-module.js';
export {
  loadPaymentOptions,
  parsePaymentOptions,
  PaymentOptionsError,
  DEFAULT_PAYMENT_OPTIONS_FILE,
} from './payment-options/load-payment-options.js';
