export * from './contract.js';
export { checkoutModule } from './checkout-module.js';
export {
  PaymentOptionsConfig,
  PaymentOption,
  OptionInMarket,
  MarketSettings,
  Step,
  AuthenticateStep,
  CollectFundingStep,
  AssessRiskStep,
  CreateOrderStep,
  type StepName,
} from './payment-options/schema.js';
export {
  loadPaymentOptions,
  parsePaymentOptions,
  PaymentOptionsError,
  DEFAULT_PAYMENT_OPTIONS_FILE,
} from './payment-options/load-payment-options.js';
export { PAYMENT_OPTIONS_FILE_SETTING, paymentOptionsFileFrom } from './payment-options/settings.js';
