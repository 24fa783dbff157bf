import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scenarioProblems, validScenario } from '../test/support/scenario-fixture.js';
import { parseScenario } from './load-scenario.js';
import { PAYMENT_OPTIONS, trafficClassWeights } from './traffic-classes.js';

/** A valid scenario with this mix. */
const withMix = (mix: unknown) => validScenario({ name: 'mix', mix });

const problemsOf = (mix: unknown): string => scenarioProblems(withMix(mix), 'mix.yaml');

describe('the traffic mix', () => {
  it('shares `checkout: N` evenly over the payment options, as one class drawing the option did', () => {
    const { mix } = parseScenario(withMix({ checkout: 90, orderStatus: 10 }), 'mix.yaml');
    expect(trafficClassWeights(mix)).toEqual([
      { name: 'pay_now', weight: 30, option: 'pay_now' },
      { name: 'pay_later', weight: 30, option: 'pay_later' },
      { name: 'pay_over_time', weight: 30, option: 'pay_over_time' },
      { name: 'orderStatus', weight: 10 },
    ]);
  });

  it('takes a weight per option; an option left out or at 0 is not a class', () => {
    const { mix } = parseScenario(withMix({ checkout: { pay_now: 40, pay_later: 0 }, orderStatus: 0 }), 'mix.yaml');
    expect(trafficClassWeights(mix)).toEqual([{ name: 'pay_now', weight: 40, option: 'pay_now' }]);
  });

  it('defaults to 80 checkouts (even over the options) and 20 order-status reads', () => {
    const { mix } = parseScenario({ ...withMix(undefined), mix: undefined }, 'mix.yaml');
    expect(mix).toEqual({ checkout: 80, orderStatus: 20 });
  });

  it('names an unknown option, a negative weight and an empty mix', () => {
    expect(problemsOf({ checkout: { pay_never: 5 }, orderStatus: 1 })).toMatch(/mix\.checkout.*pay_never/s);
    expect(problemsOf({ checkout: { pay_now: -1 }, orderStatus: 1 })).toMatch(/mix\.checkout/);
    expect(problemsOf({ checkout: -5, orderStatus: 10 })).toMatch(/mix\.checkout/);
    expect(problemsOf({ checkout: { pay_now: 0 }, orderStatus: 0 })).toMatch(/at least one traffic class/);
    expect(problemsOf({ checkout: 0, orderStatus: 0 })).toMatch(/at least one traffic class/);
  });

  it('knows the options of the checkout configuration, no more, no fewer', () => {
    const file = new URL('../../../libs/payments/checkout/config/payment-options.json', import.meta.url);
    const config = JSON.parse(readFileSync(file, 'utf8')) as { options: Record<string, unknown> };
    expect([...PAYMENT_OPTIONS].sort()).toEqual(Object.keys(config.options).sort());
  });
});
