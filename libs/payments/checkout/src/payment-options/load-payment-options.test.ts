import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PAYMENT_OPTIONS_FILE, loadPaymentOptions, PaymentOptionsError } from './load-payment-options.js';

const shipped = loadPaymentOptions();

type EditableConfig = { options: Record<string, { markets: Record<string, unknown> }> };

/** The shipped configuration with `markets[market]` of `option` set to `value`. */
function withOptionIn(option: string, market: string, value: unknown): EditableConfig {
  const copy = structuredClone(shipped) as EditableConfig;
  copy.options[option] = { ...copy.options[option], markets: { ...copy.options[option]?.markets, [market]: value } };
  return copy;
}

const withSteps = (option: string, market: string, steps: unknown[]) => withOptionIn(option, market, { steps });

/** Writes `content` to a fresh temp file and loads it, returning the error it fails with. */
function loadError(content: unknown): PaymentOptionsError {
  const file = join(mkdtempSync(join(tmpdir(), 'checkout-config-')), 'payment-options.json');
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  try {
    loadPaymentOptions(file);
  } catch (error) {
    expect(error).toBeInstanceOf(PaymentOptionsError);
    expect((error as Error).message).toContain(file);
    return error as PaymentOptionsError;
  }
  throw new Error(`expected ${file} to be rejected`);
}

const authenticate = { step: 'authenticate' };
const collectFunding = { step: 'collect_funding', sourceTypes: ['card'] };
const createOrder = { step: 'create_order', terms: { kind: 'capture' } };

describe('the shipped payment options', () => {
  it('offer every option in every market, each market settling in its own currency', () => {
    expect(Object.keys(shipped.markets).sort()).toEqual(['DE', 'SE', 'US']);
    expect(Object.keys(shipped.options).sort()).toEqual(['pay_later', 'pay_now', 'pay_over_time']);
    for (const option of Object.values(shipped.options)) {
      expect(Object.keys(option.markets).sort()).toEqual(['DE', 'SE', 'US']);
    }
    expect(shipped.markets['SE']).toEqual({ currency: 'SEK' });
  });

  it('are found next to the sources (and so next to the build)', () => {
    expect(DEFAULT_PAYMENT_OPTIONS_FILE).toMatch(/checkout[/\\]config[/\\]payment-options\.json$/);
  });
});

describe('loading payment options', () => {
  it('rejects create_order before authenticate, naming the steps', () => {
    const error = loadError(withSteps('pay_now', 'SE', [createOrder, collectFunding, authenticate]));
    expect(error.problems).toContain('options.pay_now.markets.SE.steps.0.step: the first step must be authenticate');
    expect(error.problems).toContain('options.pay_now.markets.SE.steps.2.step: the last step must be create_order');
  });

  it('rejects an unknown step, naming where it is', () => {
    const error = loadError(
      withSteps('pay_later', 'DE', [authenticate, { step: 'send_postcard' }, collectFunding, createOrder]),
    );
    expect(error.problems).toEqual([
      "options.pay_later.markets.DE.steps.1.step: Invalid discriminator value. Expected 'authenticate' | 'collect_funding' | 'assess_risk' | 'create_order'",
    ]);
  });

  it('rejects an option offered in a market that is not declared', () => {
    const error = loadError(withOptionIn('pay_now', 'NO', shipped.options['pay_now']?.markets['SE']));
    expect(error.problems).toEqual([
      'options.pay_now.markets.NO: market NO is not declared in "markets" (declared: SE, DE, US)',
    ]);
  });

  it('rejects a step that repeats, a flow without funding, and a misspelt limit', () => {
    const risk = { step: 'assess_risk', maxAmount: 1000, maxScore: 500, velocity: { windowMinutes: 60, maxOrders: 5 } };
    expect(
      loadError(withSteps('pay_now', 'US', [authenticate, authenticate, collectFunding, createOrder])).problems,
    ).toContain('options.pay_now.markets.US.steps.1.step: authenticate appears more than once (first at step 0)');
    expect(loadError(withSteps('pay_now', 'US', [authenticate, createOrder])).problems).toContain(
      'options.pay_now.markets.US.steps: collect_funding is required: create_order needs a funding source',
    );
    const { maxAmount, ...misspelt } = risk;
    const error = loadError(
      withSteps('pay_now', 'US', [authenticate, { ...misspelt, maxAmmount: maxAmount }, collectFunding, createOrder]),
    );
    expect(error.message).toContain('options.pay_now.markets.US.steps.1.maxAmount');
    expect(error.message).toContain('maxAmmount');
  });

  it('rejects terms orders would not accept', () => {
    const terms = { kind: 'installments', count: 1, intervalDays: 30 };
    const error = loadError(
      withSteps('pay_over_time', 'SE', [authenticate, collectFunding, { step: 'create_order', terms }]),
    );
    expect(error.message).toContain('options.pay_over_time.markets.SE.steps.2.terms.count');
  });

  it('names the file when it is not JSON or cannot be read', () => {
    expect(loadError('{ "markets": ').problems[0]).toMatch(/^is not valid JSON/);
    const missing = join(tmpdir(), 'does-not-exist', 'payment-options.json');
    expect(() => loadPaymentOptions(missing)).toThrow(`payment options file ${missing} is invalid`);
  });
});
