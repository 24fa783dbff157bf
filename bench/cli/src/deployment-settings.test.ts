import { DEV_AUTH_SECRET } from '@paybench/payments-dataset';
import { describe, expect, it } from 'vitest';
import { AUTH_SECRET_ENV, deploymentSettings, resolveAuthSecret } from './deployment-settings.js';

function resolve(env: NodeJS.ProcessEnv) {
  const warnings: string[] = [];
  return { result: resolveAuthSecret(env, (line) => warnings.push(line)), warnings };
}

describe('the token secret', () => {
  it('is the published development secret when the variable is not set, silently', () => {
    expect(resolve({})).toEqual({ result: { value: DEV_AUTH_SECRET, isDevSecret: true }, warnings: [] });
  });

  it('treats an empty variable as unset, with a warning naming it', () => {
    const { result, warnings } = resolve({ [AUTH_SECRET_ENV]: '' });
    expect(result).toEqual({ value: DEV_AUTH_SECRET, isDevSecret: true });
    expect(warnings).toEqual([expect.stringMatching(/PAYBENCH_AUTH_SECRET is set but empty/)]);
  });

  it('refuses a secret under 32 bytes, naming the variable', () => {
    const { result } = resolve({ [AUTH_SECRET_ENV]: 'x'.repeat(31) });
    expect(result).toEqual({
      error: expect.stringMatching(/PAYBENCH_AUTH_SECRET is 31 bytes long.*at least 32 bytes/),
    });
  });

  it('counts bytes, not characters', () => {
    expect(resolve({ [AUTH_SECRET_ENV]: 'é'.repeat(16) }).result).toMatchObject({
      value: 'é'.repeat(16),
      isDevSecret: false,
    });
  });

  it('uses a configured secret of 32 bytes or more', () => {
    const secret = 'k'.repeat(32);
    expect(resolve({ [AUTH_SECRET_ENV]: secret })).toEqual({
      result: { value: secret, isDevSecret: false },
      warnings: [],
    });
    const settings = deploymentSettings({ seed: 1, consumers: 2 }, { value: secret, isDevSecret: false });
    expect(settings).toEqual({ seed: 1, consumers: 2, authSecret: secret });
  });

  it('knows the published secret when it is configured explicitly', () => {
    expect(resolve({ [AUTH_SECRET_ENV]: DEV_AUTH_SECRET }).result).toEqual({
      value: DEV_AUTH_SECRET,
      isDevSecret: true,
    });
  });
});
