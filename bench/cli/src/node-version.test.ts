import { describe, expect, it } from 'vitest';
import { checkNodeVersion } from './node-version.js';

describe('the Node version check', () => {
  it('refuses an older Node in one line that says what to run instead', () => {
    const check = checkNodeVersion('v20.20.2');
    expect(check.verdict).toBe('refuse');
    expect(check).toMatchObject({
      message: expect.stringMatching(
        /^paybench needs Node 24, this is Node v20\.20\.2: run it with `npm run paybench -- <command>`/,
      ),
    });
    expect('message' in check && check.message).not.toMatch(/\n/);
    expect(checkNodeVersion('22.21.0').verdict).toBe('refuse');
  });

  it('accepts Node 24', () => {
    expect(checkNodeVersion('v24.21.0')).toEqual({ verdict: 'ok' });
    expect(checkNodeVersion('24.0.0')).toEqual({ verdict: 'ok' });
  });

  it('runs a newer Node than package.json engines allow (>=24 <25), with a warning', () => {
    const check = checkNodeVersion('v25.2.1');
    expect(check.verdict).toBe('warn');
    expect(check).toMatchObject({ message: expect.stringMatching(/tested on Node 24 only, this is Node v25\.2\.1/) });
  });

  it('warns rather than refuses a version it cannot read', () => {
    expect(checkNodeVersion('nightly').verdict).toBe('warn');
  });
});
