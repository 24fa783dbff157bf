import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { CredentialRef } from '@paybench/bench-deploy';
import { parse as parseYaml } from 'yaml';

/**
 * The value a targets file's credential refers to (null: `none`), read when the run starts and never written
 * anywhere. A credential that cannot be read throws, naming the field of `file` and where it looked.
 */
export function resolveCredential(ref: CredentialRef, field: string, file: string): string | null {
  const fail = (why: string): never => {
    throw new Error(`targets file ${file}: ${field}: ${why}`);
  };
  switch (ref.from) {
    case 'none':
      return null;
    case 'env':
      return process.env[ref.variable] || fail(`environment variable ${ref.variable} is not set`);
    case 'file': {
      const path = resolve(dirname(file), ref.path);
      let map: unknown;
      try {
        map = parseYaml(readFileSync(path, 'utf8'));
      } catch (error) {
        return fail(`cannot read ${path}: ${(error as Error).message}`);
      }
      const value = (map as Record<string, unknown> | null)?.[ref.key];
      return typeof value === 'string' && value.length > 0 ? value : fail(`${path} has no key ${ref.key}`);
    }
    case 'kubernetes-secret': {
      // kubectl from PATH, arguments as a list: no shell sees the names.
      const args = ['get', 'secret', ref.name, '--namespace', ref.namespace, '-o', `jsonpath={.data.${ref.key}}`];
      let encoded: string;
      try {
        encoded = execFileSync('kubectl', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
      } catch (error) {
        return fail(`kubectl ${args.join(' ')} failed: ${(error as Error).message.split('\n')[0] ?? ''}`);
      }
      return Buffer.from(encoded, 'base64').toString('utf8') || fail(`secret ${ref.name} has no key ${ref.key}`);
    }
  }
}
