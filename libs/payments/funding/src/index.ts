// The funding module's contract: all that other modules may know of it. Its implementation is a separate
// entry, `@paybench/payments-funding/module` (module-entry.ts), for composition roots only.
export {
  fundingContract,
  FundingSource,
  FundingSourceType,
  SelectSourceInput,
  SelectSourceOutput,
} from './contract.js';
