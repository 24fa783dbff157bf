// A log file the supervisor cannot write (a full disk, a path that is not a file) must not crash
// it nor stall the process: the failure is noted in the process's stderr tail and it runs on.
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { waitFor, waitForFile } from '../test/support/wait.js';
import { SupervisedProcess } from './index.js';

const dir = mkdtempSync(join(tmpdir(), 'paybench-log-files-'));
const script = (name: string, source: string) => {
  const file = join(dir, `${name}.mjs`);
  writeFileSync(file, source);
  return file;
};

describe('SupervisedProcess with a log file it cannot write', () => {
  it('notes a stderr file on a full disk (/dev/full) and keeps the process running', async () => {
    const logDir = mkdtempSync(join(dir, 'full-'));
    symlinkSync('/dev/full', join(logDir, 'chatty.stderr.log'));
    const chatty = script('chatty', "console.log('up'); setInterval(() => console.error('a line of stderr'), 20);");
    const p = new SupervisedProcess({ name: 'chatty', script: chatty, env: {}, logDir, stdout: { kind: 'file' } });
    await waitFor(() => p.logFileErrors().length > 0, 'the write to /dev/full to fail');
    expect(p.logFileErrors()[0]).toMatch(/cannot write chatty\.stderr\.log: .*ENOSPC/);
    expect(p.stderr()).toMatch(/\[supervisor\] cannot write chatty\.stderr\.log/);
    // Its stderr is still read (the tail goes on), and it is still running.
    await waitFor(() => p.stderr().endsWith('a line of stderr'), 'more stderr after the failure');
    expect(p.hasExited).toBeUndefined();
    expect(await waitForFile(join(logDir, 'chatty.stdout.log'))).toBe('up\n');
    expect(await p.stop(5_000)).toMatchObject({ killed: false });
  });

  it('notes a stdout file that cannot be opened and keeps draining the output, so the process never stalls', async () => {
    const logDir = mkdtempSync(join(dir, 'dir-'));
    mkdirSync(join(logDir, 'writer.stdout.log'));
    // 4 MiB, far more than a pipe holds: a writer whose output nobody reads would block for good.
    const writer = script(
      'writer',
      "import { writeSync } from 'node:fs'; for (let i = 0; i < 4096; i++) writeSync(1, 'x'.repeat(1023) + '\\n'); console.error('done');",
    );
    const p = new SupervisedProcess({ name: 'writer', script: writer, env: {}, logDir, stdout: { kind: 'file' } });
    expect(await p.exited).toEqual({ code: 0, signal: null });
    expect(p.logFileErrors().join('; ')).toMatch(/cannot write writer\.stdout\.log: .*EISDIR/);
    expect(await p.stop(1_000)).toMatchObject({ code: 0, killed: false });
    expect(readFileSync(join(logDir, 'writer.stderr.log'), 'utf8')).toBe('done\n');
  });
});
