import { z } from 'zod';
import { DEFAULT_PAYMENT_OPTIONS_FILE } from './payment-options/load-payment-options.js';

/** The deployment settings checkout reads. It loads no population: the other modules own the data. */
export const CheckoutSettings = z.object({
  /** Points a deployment at another payment options file (an absolute path). */
  paymentOptionsFile: z
    .string('must be a file path')
    .min(1, 'must be a file path')
    .default(DEFAULT_PAYMENT_OPTIONS_FILE),
});
export type CheckoutSettings = z.infer<typeof CheckoutSettings>;
