import type { z } from 'zod';

/** One readable sentence naming the first offending field, e.g. `amount: expected number`. */
export function describeZodError(error: z.ZodError): string {
  const first = error.issues[0];
  if (!first) return 'invalid input';
  const where = first.path.length > 0 ? first.path.join('.') : '(body)';
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more)` : '';
  return `${where}: ${first.message}${more}`;
}
