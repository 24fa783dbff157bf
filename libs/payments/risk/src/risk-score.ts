import { createHash } from 'node:crypto';

export type RiskSegment = 'low' | 'medium' | 'high';

export const MAX_SCORE = 1000;

const SEGMENT_BASE: Readonly<Record<RiskSegment, number>> = { low: 100, medium: 300, high: 550 };
/** A consumer with no profile is riskier than any known one: nothing vouches for them. */
const UNKNOWN_CONSUMER_BASE = 600;
/** The amount adds up to this much, reached at the option's maximum amount. */
const AMOUNT_WEIGHT = 300;
const PER_RECENT_ORDER = 25;
const JITTER_RANGE = 50;

export interface ScoreFactors {
  /** The consumer's segment, or undefined when risk has no profile for them. */
  segment: RiskSegment | undefined;
  consumerId: string;
  merchantId: string;
  amount: number;
  maxAmount: number;
  /** The consumer's orders in the velocity window. */
  recentOrders: number;
}

/**
 * A deterministic score from 0 (safest) to 1000: the same facts always give the same score,
 * so a benchmark run's decisions are reproducible in every topology.
 */
export function riskScore(factors: ScoreFactors): number {
  const base = factors.segment ? SEGMENT_BASE[factors.segment] : UNKNOWN_CONSUMER_BASE;
  const amount = Math.round(AMOUNT_WEIGHT * Math.min(1, factors.amount / factors.maxAmount));
  const velocity = PER_RECENT_ORDER * factors.recentOrders;
  return Math.min(MAX_SCORE, base + amount + velocity + pairJitter(factors.consumerId, factors.merchantId));
}

/**
 * 0..49 from the consumer and merchant pair: spreads scores the way a real model's features
 * would, without randomness. The first two bytes of the digest, read big-endian.
 */
export function pairJitter(consumerId: string, merchantId: string): number {
  return createHash('sha256').update(`${consumerId}:${merchantId}`).digest().readUInt16BE(0) % JITTER_RANGE;
}
