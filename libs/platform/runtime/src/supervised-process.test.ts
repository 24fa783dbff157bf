import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { waitForFile } from '../test/support/wait.js';
import { SupervisedProcess, waitForHttp } from './index.js';

const dir = mkdtempSync(join(tmpdir(), 'paybench-runtime-'));
const script = (name: string, source: string) => {
  const file = join(dir, name);
  writeFileSync(file, source);
  return file;
};

describe('SupervisedProcess', () => {
  it('escalates to SIGKILL when a process ignores SIGTERM', async () => {
    const stubborn = script(
      'stubborn.mjs',
      "process.on('SIGTERM', () => {}); console.log('up'); setInterval(() => {}, 1000);",
    );
    const p = new SupervisedProcess({
      name: 'stubborn',
      script: stubborn,
      env: {},
      logDir: dir,
      stdout: { kind: 'file' },
    });
    // 'up' is printed once the SIGTERM handler is in place; before that SIGTERM alone would end it.
    await waitForFile(join(dir, 'stubborn.stdout.log'));
    const result = await p.stop(300);
    expect(result).toMatchObject({ killed: true, signal: 'SIGKILL' });
    expect(readFileSync(join(dir, 'stubborn.stdout.log'), 'utf8')).toBe('up\n');
  });

  it('stops a well-behaved process with SIGTERM alone', async () => {
    const polite = script(
      'polite.mjs',
      "process.on('SIGTERM', () => process.exit(0)); console.log('up'); setInterval(() => {}, 1000);",
    );
    const p = new SupervisedProcess({ name: 'polite', script: polite, env: {}, logDir: dir, stdout: { kind: 'file' } });
    await waitForFile(join(dir, 'polite.stdout.log'));
    expect(await p.stop(5_000)).toMatchObject({ killed: false, code: 0 });
  });

  it('reports a process that dies before it is ready, quoting its stderr', async () => {
    const broken = script(
      'broken.mjs',
      "console.error('cannot listen on 127.0.0.1:1: the port is already in use'); process.exit(3);",
    );
    const p = new SupervisedProcess({ name: 'broken', script: broken, env: {}, logDir: dir, stdout: { kind: 'file' } });
    await expect(waitForHttp('http://127.0.0.1:1/healthz', { timeoutMs: 10_000, process: p })).rejects.toThrow(
      /"broken" exited \(code 3[\s\S]*port is already in use/,
    );
  });
});
