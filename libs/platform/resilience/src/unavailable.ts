import { commonErrors, isDomainError, type DomainError } from '@paybench/platform-contract';

/** Why a policy refused a call without sending it: the dependency counts as unavailable either way. */
export type PolicyRefusal = 'circuit_open' | 'bulkhead_full';

export function policyRefusal(dependency: string, reason: PolicyRefusal): DomainError {
  return commonErrors.dependencyUnavailable(dependency, reason);
}

/**
 * The dependency failed (did not answer, answered too late, answered a server error, or a policy refused the
 * call), as opposed to a business answer (4xx), the caller leaving (499), or this request's own deadline
 * being spent before the call could start. What breakers count and fallbacks replace, in any binding.
 */
export function isDependencyFailure(error: unknown): error is DomainError {
  if (!isDomainError(error) || error.status < 500) return false;
  return error.details?.['budget'] !== 'spent';
}

/** A failure worth another attempt: not one a policy of ours made (retrying into an open breaker helps nobody). */
export function isRetryableFailure(error: unknown): boolean {
  if (!isDependencyFailure(error)) return false;
  const reason = error.details?.['reason'];
  return reason !== 'circuit_open' && reason !== 'bulkhead_full';
}
