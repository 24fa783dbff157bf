export {
  fundingContract,
  FundingSource,
  FundingSourceType,
  SelectSourceInput,
  SelectSourceOutput,
} from './contract.js';
export { fundingModule } from './module.js';
