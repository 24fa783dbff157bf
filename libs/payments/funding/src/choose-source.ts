import type { FundingSourceType, SelectSourceOutput } from './contract.js';
import type { UsableSource } from './funding-source-store.js';

/**
 * Picks the source to charge: allowed types in order of preference, sources of one type in
 * the order given, the first whose limit covers the amount. Telling "nothing of an allowed
 * type" apart from "all too small" lets checkout explain the rejection.
 */
export function chooseSource(
  candidates: readonly UsableSource[],
  amount: number,
  allowedTypes: readonly FundingSourceType[],
): SelectSourceOutput {
  let anyOfAllowedType = false;
  for (const type of allowedTypes) {
    for (const candidate of candidates) {
      if (candidate.type !== type) continue;
      anyOfAllowedType = true;
      if (candidate.purchaseLimit >= amount) {
        const { id, currency, last4 } = candidate;
        return { outcome: 'selected', source: { id, type, currency, last4 } };
      }
    }
  }
  return { outcome: 'none', reason: anyOfAllowedType ? 'limit_exceeded' : 'no_eligible_source' };
}
