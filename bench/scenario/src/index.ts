// Inputs layer: what a scenario file says (schema, loading, duration syntax) and the cells it expands to.
// Built-in scenarios are YAML files in ../built-in, read at run time and usable as examples.
export { Duration, formatDuration } from './duration.js';
export { ScenarioError, builtInScenarioNames, loadScenario, parseScenario } from './load-scenario.js';
export { loadLabel, planCells, type Cell } from './plan-cells.js';
// A value too: the targets file of an external deployment states its logging configuration in this shape.
export { LoggingConfig } from './scenario-schema.js';
export type { ModuleFault, ModuleFaultChange } from './module-faults.js';
export type {
  ClientRetries,
  FaultEvent,
  LinkFault,
  LoadChange,
  LoadPoint,
  Scenario,
  SinkConfig,
} from './scenario-schema.js';
export {
  ORDER_STATUS_CLASS,
  PAYMENT_OPTIONS,
  checkoutWeight,
  isPaymentOption,
  trafficClassWeights,
  type ClassWeight,
  type PaymentOptionName,
} from './traffic-classes.js';
