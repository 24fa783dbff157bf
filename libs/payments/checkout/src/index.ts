// The checkout module's contract: all that other modules may know of it, with the schema of its payment
// options file. Its implementation is a separate entry, `@paybench/payments-checkout/module`
// (module-entry.ts), for composition roots only.
export * from './contract.js';
export {
  PaymentOptionsConfig,
  PaymentOption,
  OptionInMarket,
  MarketSettings,
  Step,
  AuthenticateStep,
  CollectFundingStep,
  AssessRiskStep,
  RiskFallback,
  CreateOrderStep,
  type StepName,
} from './payment-options/schema.js';
