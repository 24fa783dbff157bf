import type { Settings } from '@paybench/platform-host';
import { DEFAULT_PAYMENT_OPTIONS_FILE } from './load-payment-options.js';

/** The settings key that points a deployment at another payment options file (absolute path). */
export const PAYMENT_OPTIONS_FILE_SETTING = 'paymentOptionsFile';

export function paymentOptionsFileFrom(settings: Settings): string {
  const file = settings[PAYMENT_OPTIONS_FILE_SETTING];
  if (file === undefined) return DEFAULT_PAYMENT_OPTIONS_FILE;
  if (typeof file !== 'string' || file.length === 0) {
    throw new Error(`setting ${PAYMENT_OPTIONS_FILE_SETTING} must be a file path, got ${JSON.stringify(file)}`);
  }
  return file;
}
