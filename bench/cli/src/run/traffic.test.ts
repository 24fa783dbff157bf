import { createTrafficMix } from '@paybench/bench-load';
import { describe, expect, it } from 'vitest';
import { checkoutRequests, trafficClasses, type TrafficPlan } from './traffic.js';

const plan = (mix: TrafficPlan['mix']): TrafficPlan => ({
  seed: 42,
  population: 200,
  authSecret: 'test-secret',
  runTag: 'run-c0',
  mix,
  orderIds: ['order-1', 'order-2'],
});

/** How many of `n` scheduled requests each class gets, drawn as the open loop draws them. */
function countDraws(p: TrafficPlan, n: number): Record<string, number> {
  const classes = trafficClasses(p);
  const next = createTrafficMix(classes, p.seed);
  const counts: Record<string, number> = Object.fromEntries(classes.map((c) => [c.name, 0]));
  for (let i = 0; i < n; i++) counts[classes[next().classIndex].name]++;
  return counts;
}

const bodyOf = (spec: { body?: string }) => JSON.parse(spec.body ?? '{}') as Record<string, unknown>;

describe('traffic classes', () => {
  it('makes a class per payment option with a weight, and order-status reads', () => {
    const classes = trafficClasses(plan({ checkout: { pay_now: 50, pay_later: 30 }, orderStatus: 20 }));
    expect(classes.map((c) => [c.name, c.weight])).toEqual([
      ['pay_now', 50],
      ['pay_later', 30],
      ['orderStatus', 20],
    ]);
    // 10 000 draws: expected 5000 / 3000 / 2000, standard deviations 50 / 46 / 40.
    const counts = countDraws(plan({ checkout: { pay_now: 50, pay_later: 30 }, orderStatus: 20 }), 10_000);
    expect(counts.pay_now).toBeGreaterThan(4800);
    expect(counts.pay_now).toBeLessThan(5200);
    expect(counts.pay_later).toBeGreaterThan(2820);
    expect(counts.pay_later).toBeLessThan(3180);
    expect(counts.orderStatus).toBeGreaterThan(1840);
    expect(counts.orderStatus).toBeLessThan(2160);
  });

  it('shares `checkout: 80` evenly over the three options (about 26.7% each)', () => {
    const counts = countDraws(plan({ checkout: 80, orderStatus: 20 }), 12_000);
    for (const option of ['pay_now', 'pay_later', 'pay_over_time']) {
      expect(counts[option]).toBeGreaterThan(3000);
      expect(counts[option]).toBeLessThan(3400);
    }
    expect(counts.orderStatus).toBeGreaterThan(2200);
    expect(counts.orderStatus).toBeLessThan(2600);
  });

  it("sends each class's purchases with its own option and idempotency keys no other class uses", () => {
    const classes = trafficClasses(plan({ checkout: 90, orderStatus: 0 }));
    const keys = new Set<unknown>();
    for (const trafficClass of classes) {
      for (let i = 0; i < 50; i++) {
        const body = bodyOf(trafficClass.next(i));
        expect(body.paymentOption).toBe(trafficClass.name);
        keys.add(body.idempotencyKey);
      }
    }
    expect(keys.size).toBe(150);
    // The same request of a seed is the same purchase in every run.
    expect(trafficClasses(plan({ checkout: 90, orderStatus: 0 }))[1].next(7)).toEqual(classes[1].next(7));
  });

  it('keeps the closed loop drawing the option per request', () => {
    const next = checkoutRequests(plan({ checkout: 80, orderStatus: 20 }));
    const options = new Set(Array.from({ length: 60 }, (_, i) => bodyOf(next(i)).paymentOption));
    expect([...options].sort()).toEqual(['pay_later', 'pay_now', 'pay_over_time']);
  });
});
