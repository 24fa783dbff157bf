/** The markets of the test population and the currency each one settles in. */
export const MARKETS = {
  SE: { currency: 'SEK' },
  DE: { currency: 'EUR' },
  US: { currency: 'USD' },
} as const;

export type Market = keyof typeof MARKETS;

/** Fixed order, so a seeded pick lands on the same market on every machine. */
export const MARKET_CODES: readonly Market[] = ['SE', 'DE', 'US'];
