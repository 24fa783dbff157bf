import { describeZodError } from '@paybench/platform-contract';
import type { z } from 'zod';
import type { Settings, SettingsSchema } from './module-definition.js';

/**
 * A module's own settings, taken from the deployment-wide bag and parsed with the module's schema.
 *
 * Every process receives the same bag whatever it hosts: risk's process gets the auth secret too, and a
 * microservice does not even link the modules that own the other keys. So a key the module does not
 * declare cannot be called a mistake here; the module picks the keys it declares and leaves the rest
 * to their owners. (The bag is built from typed options by whoever starts the deployment, which is
 * where a misspelt key would be caught.) Its own keys are strict: a wrong type or range stops the
 * process before the module creates anything, naming the module and the key, and the module receives
 * exactly its declared keys, defaults filled in, nothing else.
 */
export function readModuleSettings<S extends SettingsSchema>(
  module: string,
  schema: S | undefined,
  settings: Settings,
): z.output<S> {
  if (!schema) return {} as z.output<S>;
  const own = Object.fromEntries(Object.entries(settings).filter(([key]) => Object.hasOwn(schema.shape, key)));
  const parsed = schema.safeParse(own);
  if (!parsed.success) throw new Error(`${module}: invalid settings: ${describeZodError(parsed.error)}`);
  return parsed.data as z.output<S>;
}
