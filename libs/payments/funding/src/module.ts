import { PopulationSettings } from '@paybench/payments-dataset';
import { defineModule } from '@paybench/platform-host';
import { chooseSource } from './choose-source.js';
import { fundingContract } from './contract.js';
import { openFundingSourceStore } from './funding-source-store.js';

/** Funding picks which of the consumer's cards or bank accounts pays for a purchase. */
export const fundingModule = defineModule({
  name: 'funding',
  contract: fundingContract,
  dependencies: {},
  /** Funding reads only which population to load the funding sources of. */
  settings: PopulationSettings,
  create: ({ db, logger, settings }) => {
    const store = openFundingSourceStore(db, settings);
    return {
      selectSource: async ({ consumerId, currency, amount, allowedTypes }) => {
        const result = chooseSource(store.activeSourcesOf(consumerId, currency), amount, allowedTypes);
        if (result.outcome === 'selected') {
          logger.info({ step: 'selectSource', consumerId, sourceId: result.source.id }, 'funding source selected');
        } else {
          logger.info({ step: 'selectSource', consumerId, reason: result.reason }, 'no funding source');
        }
        return result;
      },
    };
  },
});
