// Resilience policies between modules, as switches (issue 13): presets as validated data, and the cockatiel
// policies (retry with backoff and a budget, circuit breaker, bulkhead) a process wraps its remote bindings in.
export {
  ResiliencePreset,
  RetryPolicy,
  RetryBudget,
  Backoff,
  BreakerPolicy,
  BulkheadPolicy,
} from './resilience-preset.js';
export { RESILIENCE_PRESETS, resiliencePreset, resiliencePresetNames } from './presets.js';
export { CalleePolicies } from './callee-policies.js';
export { ProcessPolicies } from './process-policies.js';
export { PolicyCounters, type PolicyCounts, type PolicyCountName } from './policy-counters.js';
export { NO_FALLBACKS, type Fallbacks } from './fallbacks.js';
export { withPolicies } from './with-policies.js';
export { isDependencyFailure, isRetryableFailure, policyRefusal, type PolicyRefusal } from './unavailable.js';
