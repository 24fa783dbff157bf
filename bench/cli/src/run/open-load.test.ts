import { DEFAULT_CONNECTIONS } from '@paybench/bench-load';
import { describe, expect, it } from 'vitest';
import { openLoadRun, originByClass, shareOf, type OpenLoad } from './open-load.js';

const load: OpenLoad = {
  origins: { checkout: 'http://checkout', orderStatus: 'http://orders' },
  plan: {
    seed: 42,
    population: 200,
    authSecret: 'test-secret',
    runTag: 'run-c0',
    mix: { checkout: { pay_now: 50 }, orderStatus: 50 },
    orderIds: ['order-1'],
  },
  rate: 100,
  maxInFlight: 512,
  durationMs: 10_000,
  warmupMs: 1_000,
  timeoutMs: 2_000,
  seed: 7,
};
const hooks = { onSecond: () => undefined, signal: new AbortController().signal };

describe('the open load for runOpenLoop, built once for the single generator and for every worker', () => {
  it('gives the single generator the whole schedule, the whole in-flight cap and every connection', () => {
    const { options } = openLoadRun(load, hooks);
    expect(options).not.toHaveProperty('slice');
    expect(options.maxInFlight).toBe(512);
    expect(options.connections).toBe(DEFAULT_CONNECTIONS);
    expect(options.classes.map((c) => c.name)).toEqual(['pay_now', 'orderStatus']);
  });

  it('gives a slice of three its place on the schedule and a third of the cap and the connections, rounded up', () => {
    const { options } = openLoadRun(load, hooks, { index: 2, count: 3 });
    expect(options.slice).toEqual({ index: 2, count: 3 });
    expect(options.maxInFlight).toBe(171);
    expect(options.connections).toBe(Math.ceil(DEFAULT_CONNECTIONS / 3));
  });

  it('never shares a budget out below 1, and leaves it whole for one slice', () => {
    expect([shareOf(512, 1), shareOf(3, 2), shareOf(2, 64), shareOf(1, 1)]).toEqual([512, 2, 1, 1]);
  });

  it('sends checkout classes to the entry and a class with an origin of its own to that', () => {
    const origin = originByClass(load.origins);
    expect([origin('pay_now'), origin('orderStatus')]).toEqual(['http://checkout', 'http://orders']);
  });
});
