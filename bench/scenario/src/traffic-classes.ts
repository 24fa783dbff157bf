/**
 * The payment options of the checkout flow (libs/payments/checkout/config/payment-options.json; the bench may not
 * import the payments libraries, so a test checks this list against that file). Each is a traffic class of its own:
 * the options run the same modules in a different order (pay_now collects funding before risk, pay_later and
 * pay_over_time ask risk first), so a fault can reach them differently, above all with fallbacks.
 */
export const PAYMENT_OPTIONS = ['pay_now', 'pay_later', 'pay_over_time'] as const;
export type PaymentOptionName = (typeof PAYMENT_OPTIONS)[number];

/** Whether a traffic class is a payment option's checkouts. */
export function isPaymentOption(name: string): name is PaymentOptionName {
  return (PAYMENT_OPTIONS as readonly string[]).includes(name);
}

/** The class of order-status reads (GET /v1/orders/:id): it touches only `orders`. */
export const ORDER_STATUS_CLASS = 'orderStatus';

/** A scenario's `mix`, as validated (see TrafficMix in scenario-schema.ts). */
export interface TrafficMixInput {
  checkout: number | Partial<Record<PaymentOptionName, number>>;
  orderStatus: number;
}

/** One traffic class and its weight; `option` for the checkout classes. */
export interface ClassWeight {
  /** The payment option's name (`pay_now`...) or `orderStatus`: the class's name in results. */
  name: string;
  weight: number;
  option?: PaymentOptionName;
}

/**
 * The classes a mix asks for, weights > 0 only, checkouts first in PAYMENT_OPTIONS order. `checkout: N` is N
 * shared evenly over the options (N / 3 each): the same load as before the options were classes of their own,
 * when one `checkout` class drew the option per request.
 */
export function trafficClassWeights(mix: TrafficMixInput): ClassWeight[] {
  const perOption =
    typeof mix.checkout === 'number'
      ? PAYMENT_OPTIONS.map((option) => [option, (mix.checkout as number) / PAYMENT_OPTIONS.length] as const)
      : PAYMENT_OPTIONS.map(
          (option) => [option, (mix.checkout as Partial<Record<PaymentOptionName, number>>)[option] ?? 0] as const,
        );
  const classes: ClassWeight[] = perOption
    .filter(([, weight]) => weight > 0)
    .map(([option, weight]) => ({ name: option, weight, option }));
  if (mix.orderStatus > 0) classes.push({ name: ORDER_STATUS_CLASS, weight: mix.orderStatus });
  return classes;
}

/** The checkout share of a mix: the sum of the options' weights. */
export function checkoutWeight(mix: TrafficMixInput): number {
  return trafficClassWeights(mix)
    .filter((c) => c.option !== undefined)
    .reduce((total, c) => total + c.weight, 0);
}
