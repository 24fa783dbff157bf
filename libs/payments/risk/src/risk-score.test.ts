import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { pairJitter, riskScore, type ScoreFactors } from './risk-score.js';

const factors: ScoreFactors = {
  segment: 'low',
  consumerId: 'c-000001',
  merchantId: 'm-1',
  amount: 5_000,
  maxAmount: 10_000,
  recentOrders: 0,
};
const jitter = pairJitter('c-000001', 'm-1');

describe('riskScore', () => {
  it('adds the segment base, the amount, the velocity and the pair jitter', () => {
    expect(riskScore(factors)).toBe(100 + 150 + jitter);
    expect(riskScore({ ...factors, segment: 'medium', recentOrders: 2 })).toBe(300 + 150 + 50 + jitter);
    expect(riskScore({ ...factors, segment: 'high' })).toBe(550 + 150 + jitter);
  });

  it('scores a consumer without a profile above every segment', () => {
    expect(riskScore({ ...factors, segment: undefined })).toBe(600 + 150 + jitter);
  });

  it('rounds the amount factor and caps it at the maximum amount', () => {
    expect(riskScore({ ...factors, amount: 1, maxAmount: 600 })).toBe(100 + 1 + jitter);
    expect(riskScore({ ...factors, amount: 50_000 })).toBe(100 + 300 + jitter);
  });

  it('never exceeds 1000', () => {
    expect(riskScore({ ...factors, segment: 'high', amount: 10_000, recentOrders: 40 })).toBe(1000);
  });
});

describe('pairJitter', () => {
  it('is the first two digest bytes, big-endian, modulo 50', () => {
    const digest = createHash('sha256').update('c-000001:m-1').digest();
    const [high = 0, low = 0] = digest;
    expect(jitter).toBe((high * 256 + low) % 50);
  });

  it('depends on the pair and stays within 0..49', () => {
    const values = Array.from({ length: 200 }, (_, i) => pairJitter(`c-${i}`, 'm-1'));
    expect(values.every((v) => Number.isInteger(v) && v >= 0 && v < 50)).toBe(true);
    expect(new Set(values).size).toBeGreaterThan(25);
  });
});
