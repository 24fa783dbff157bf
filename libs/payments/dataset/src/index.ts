export { MARKETS, type Market } from './markets.js';
export { DEV_AUTH_SECRET } from './dev-auth-secret.js';
export { consumerAt, consumers, type ConsumerSeed } from './consumers.js';
export { fundingSourcesOf, GUARANTEED_CARD_LIMIT, type FundingSourceSeed } from './funding-sources.js';
export {
  mintConsumerToken,
  decodeConsumerToken,
  type ConsumerTokenClaims,
  type MintTokenInput,
  type DecodedConsumerToken,
} from './consumer-token.js';
export { tokenFor } from './seeded-token.js';
export { mulberry32 } from './seeded-random.js';
export { PopulationSettings } from './population-settings.js';
export { TOPOLOGIES_FILE } from './topologies-file.js';
