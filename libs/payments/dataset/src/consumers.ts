import { CONSUMER_NAMES } from './consumer-names.js';
import { MARKET_CODES, type Market } from './markets.js';
import { seededRandom, STREAM } from './seeded-random.js';

export interface ConsumerSeed {
  /** `c-000001`: the 1-based index, zero-padded to six digits. */
  id: string;
  index: number;
  market: Market;
  name: string;
  status: 'active' | 'blocked';
  riskSegment: 'low' | 'medium' | 'high';
}

const BLOCKED_SHARE = 0.02;
const MEDIUM_RISK_FROM = 0.7;
const HIGH_RISK_FROM = 0.95;

/** The consumer at `index` (1-based) of the population generated from `seed`. */
export function consumerAt(seed: number, index: number): ConsumerSeed {
  if (!Number.isSafeInteger(index) || index < 1) {
    throw new RangeError(`consumer index must be an integer of at least 1, got ${index}`);
  }
  const random = seededRandom(seed, index, STREAM.consumer);
  const market = random.pick(MARKET_CODES);
  const names = CONSUMER_NAMES[market];
  const name = `${random.pick(names.first)} ${random.pick(names.last)}`;
  const status = random.next() < BLOCKED_SHARE ? 'blocked' : 'active';
  const risk = random.next();
  const riskSegment = risk < MEDIUM_RISK_FROM ? 'low' : risk < HIGH_RISK_FROM ? 'medium' : 'high';
  return { id: `c-${String(index).padStart(6, '0')}`, index, market, name, status, riskSegment };
}

/** Consumers 1..count of the population generated from `seed`. */
export function consumers(seed: number, count: number): ConsumerSeed[] {
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new RangeError(`consumer count must be a non-negative integer, got ${count}`);
  }
  return Array.from({ length: count }, (_, i) => consumerAt(seed, i + 1));
}
