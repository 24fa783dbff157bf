import { readFileSync } from 'node:fs';
import type { z } from 'zod';

/** Reads and validates a JSON file; errors name the file (as `what`) and every bad field. */
export function readJsonFile<S extends z.ZodType>(file: string, what: string, schema: S): z.output<S> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read ${what} ${file}: ${(error as Error).message}`, { cause: error });
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`).join('\n');
    throw new Error(`invalid ${what} ${file}:\n${issues}`);
  }
  return parsed.data;
}
