import { describe, expect, it } from 'vitest';
import { consumerAt, consumers, MARKETS } from './index.js';

describe('consumerAt', () => {
  it('derives a consumer from the seed and index alone', () => {
    expect(consumerAt(42, 17)).toEqual(consumerAt(42, 17));
    expect(consumers(42, 20)[16]).toEqual(consumerAt(42, 17));
  });

  it('numbers consumers from 1 with six digits', () => {
    expect(consumerAt(42, 1)).toMatchObject({ id: 'c-000001', index: 1 });
    expect(consumerAt(42, 123456).id).toBe('c-123456');
  });

  it('gives another population for another seed', () => {
    const a = consumers(1, 50);
    const b = consumers(2, 50);
    const same = a.filter((c, i) => JSON.stringify(c) === JSON.stringify(b[i])).length;
    expect(same).toBeLessThan(5);
  });

  it('refuses indexes and seeds it cannot number', () => {
    expect(() => consumerAt(42, 0)).toThrow(RangeError);
    expect(() => consumerAt(42, 1.5)).toThrow(RangeError);
    expect(() => consumerAt(Number.NaN, 1)).toThrow(RangeError);
  });
});

describe('consumers', () => {
  const population = consumers(42, 5000);
  const share = (predicate: (c: (typeof population)[number]) => boolean) =>
    population.filter(predicate).length / population.length;

  it('blocks about 2% of consumers', () => {
    expect(share((c) => c.status === 'blocked')).toBeGreaterThan(0.01);
    expect(share((c) => c.status === 'blocked')).toBeLessThan(0.03);
  });

  it('splits risk segments about 70 / 25 / 5', () => {
    expect(share((c) => c.riskSegment === 'low')).toBeCloseTo(0.7, 1);
    expect(share((c) => c.riskSegment === 'medium')).toBeCloseTo(0.25, 1);
    expect(share((c) => c.riskSegment === 'high')).toBeGreaterThan(0.03);
    expect(share((c) => c.riskSegment === 'high')).toBeLessThan(0.07);
  });

  it('spreads consumers evenly over the markets', () => {
    for (const market of Object.keys(MARKETS)) {
      expect(share((c) => c.market === market)).toBeCloseTo(1 / 3, 1);
    }
  });

  it('gives every consumer a name', () => {
    expect(population.every((c) => /^\S+ \S+$/.test(c.name))).toBe(true);
  });
});
