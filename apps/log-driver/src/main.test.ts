// The built entry point, as a container runs it.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { POD_LOG_DRIVER_ENV } from '@paybench/platform-runtime';

const MAIN = resolve(import.meta.dirname, '../dist/main.js');

describe('log-driver app', () => {
  it('exits 64 naming the variable when it is not configured', () => {
    const env = { ...process.env, [POD_LOG_DRIVER_ENV]: '' };
    const result = spawnSync(process.execPath, [MAIN], { env, encoding: 'utf8', timeout: 20_000 });
    expect(result.status).toBe(64);
    expect(result.stderr).toContain(`${POD_LOG_DRIVER_ENV} is invalid`);
  });
});
