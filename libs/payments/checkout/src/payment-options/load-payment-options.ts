import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { PaymentOptionsConfig } from './schema.js';

/**
 * The configuration shipped with the module. Resolved from this file's location: src/ and
 * dist/ both sit one level below the project root, so the same relative path works when tests
 * run the sources and when the apps run the build.
 */
export const DEFAULT_PAYMENT_OPTIONS_FILE = fileURLToPath(
  new URL('../../config/payment-options.json', import.meta.url),
);

/** A configuration that cannot be used: the message names the file and every bad field. */
export class PaymentOptionsError extends Error {
  override readonly name = 'PaymentOptionsError';
  readonly file: string;
  readonly problems: readonly string[];

  constructor(file: string, problems: readonly string[], options?: ErrorOptions) {
    super(`payment options file ${file} is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`, options);
    this.file = file;
    this.problems = problems;
  }
}

/** Reads and validates a payment options file; throws PaymentOptionsError when it is unusable. */
export function loadPaymentOptions(file: string = DEFAULT_PAYMENT_OPTIONS_FILE): PaymentOptionsConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new PaymentOptionsError(file, [`cannot be read: ${(error as Error).message}`], { cause: error });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new PaymentOptionsError(file, [`is not valid JSON: ${(error as Error).message}`], { cause: error });
  }
  return parsePaymentOptions(raw, file);
}

/** Validates an already parsed configuration; `source` names where it came from in errors. */
export function parsePaymentOptions(raw: unknown, source: string): PaymentOptionsConfig {
  const result = PaymentOptionsConfig.safeParse(raw);
  if (!result.success) throw new PaymentOptionsError(source, result.error.issues.map(describeIssue));
  return result.data;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const where = issue.path.length > 0 ? issue.path.join('.') : '(root)';
  return `${where}: ${issue.message}`;
}
