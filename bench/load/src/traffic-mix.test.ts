import { describe, expect, it } from 'vitest';
import type { TrafficClass } from './request-spec.js';
import { createTrafficMix } from './traffic-mix.js';

const get = (path: string) => () => ({ method: 'GET' as const, path });
const classes: TrafficClass[] = [
  { name: 'pay', weight: 90, next: get('/pay') },
  { name: 'lookup', weight: 10, next: get('/lookup') },
];

function draw(seed: number, n: number) {
  const next = createTrafficMix(classes, seed);
  return Array.from({ length: n }, () => next());
}

describe('traffic mix', () => {
  it('follows the weights', () => {
    const picks = draw(7, 10_000);
    const pay = picks.filter((pick) => pick.classIndex === 0).length;
    // 9000 expected, standard deviation 30.
    expect(pay).toBeGreaterThan(8800);
    expect(pay).toBeLessThan(9200);
  });

  it('numbers each class its own requests from 0', () => {
    const picks = draw(7, 1000);
    for (const classIndex of [0, 1]) {
      const indexes = picks.filter((pick) => pick.classIndex === classIndex).map((pick) => pick.classRequestIndex);
      expect(indexes).toEqual(indexes.map((_, i) => i));
    }
  });

  it('gives the same sequence for the same seed and another for another seed', () => {
    expect(draw(42, 500)).toEqual(draw(42, 500));
    expect(draw(43, 500)).not.toEqual(draw(42, 500));
  });

  it('refuses a class without a positive weight', () => {
    expect(() => createTrafficMix([{ name: 'x', weight: 0, next: get('/') }], 1)).toThrow(/positive finite weight/);
  });
});
