import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LIFELINE_FD_ENV } from '@paybench/platform-topology';
import { describe, expect, it } from 'vitest';
import { alive, waitFor, waitForFile } from '../test/support/wait.js';
import { SupervisedProcess } from './index.js';

const dir = mkdtempSync(join(tmpdir(), 'paybench-wrapper-'));
const script = (name: string, source: string) => {
  const file = join(dir, name);
  writeFileSync(file, source);
  return file;
};

// A stand-in for a profiler such as clinic: runs `node <app>` as its child with stdio 0-2 only,
// records both pids, and on SIGINT waits for the app to exit, then writes its "report".
const wrapper = script(
  'wrapper.mjs',
  `import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
const [report, stubborn, ...command] = process.argv.slice(2);
process.on('SIGINT', () => { if (stubborn === 'stubborn') console.error('wrapper: ignoring SIGINT'); });
const app = spawn(command[0], command.slice(1), { stdio: 'inherit' });
// Written last: once the test reads it, the wrapper's SIGINT handler is in place.
writeFileSync(report + '.pids', JSON.stringify({ wrapper: process.pid, app: app.pid }));
// A stubborn wrapper never finishes (as a profiler stuck in its analysis).
if (stubborn === 'stubborn') setInterval(() => {}, 1000);
app.on('exit', (code, signal) => {
  if (stubborn === 'stubborn') return;
  writeFileSync(report, JSON.stringify({ code, signal }));
  process.exit(0);
});
`,
);
// The app: reports whether it was handed the supervisor's lifeline variable; exits on SIGINT.
const app = script(
  'app.mjs',
  `process.on('SIGINT', () => process.exit(0));
console.log(JSON.stringify({ lifeline: process.env.${LIFELINE_FD_ENV} ?? null }));
setInterval(() => {}, 1000);`,
);

async function pidsOf(report: string): Promise<{ wrapper: number; app: number }> {
  return JSON.parse(await waitForFile(`${report}.pids`, (text) => text.endsWith('}'))) as {
    wrapper: number;
    app: number;
  };
}

/** Fails, naming them, if any of `pids` is still alive after 20 s. */
const gone = (pids: number[]) =>
  waitFor(() => pids.every((pid) => !alive(pid)), `processes ${pids.join(', ')} to exit`);

describe('a wrapped process (a profiler running the app)', () => {
  it('is stopped with the stop signal to its whole group, and the wrapper finishes its work', async () => {
    const report = join(dir, 'polite.report');
    const p = new SupervisedProcess({
      name: 'polite',
      script: app,
      env: {},
      logDir: dir,
      stdout: { kind: 'file' },
      wrapper: {
        command: process.execPath,
        args: [wrapper, report, 'polite'],
        stopSignal: 'SIGINT',
        stopTimeoutMs: 10_000,
      },
    });
    const pids = await pidsOf(report);
    // The app prints once its SIGINT handler is in place.
    await waitForFile(join(dir, 'polite.stdout.log'));
    expect(await p.stop(2_000)).toMatchObject({ killed: false, code: 0 });
    expect(JSON.parse(readFileSync(report, 'utf8'))).toEqual({ code: 0, signal: null });
    // The app does not see the lifeline variable: its fd 3 is not the lifeline under a wrapper.
    expect(JSON.parse(readFileSync(join(dir, 'polite.stdout.log'), 'utf8'))).toEqual({ lifeline: null });
    await gone([pids.wrapper, pids.app]);
  });

  it('is killed whole, wrapper and app, when the wrapper does not finish in time', async () => {
    const report = join(dir, 'stubborn.report');
    const p = new SupervisedProcess({
      name: 'stubborn',
      script: app,
      env: {},
      logDir: dir,
      stdout: { kind: 'file' },
      wrapper: {
        command: process.execPath,
        args: [wrapper, report, 'stubborn'],
        stopSignal: 'SIGINT',
        stopTimeoutMs: 500,
      },
    });
    const pids = await pidsOf(report);
    expect(await p.stop(100)).toMatchObject({ killed: true, signal: 'SIGKILL' });
    await gone([pids.wrapper, pids.app]);
    expect(existsSync(report)).toBe(false);
  });

  it('dies whole, wrapper and app, when the lifeline closes (the supervisor died)', async () => {
    const report = join(dir, 'orphan.report');
    const launcher = fileURLToPath(new URL('./process-group-launcher.ts', import.meta.url));
    const child = spawn(
      process.execPath,
      [launcher, 'SIGINT', '--', process.execPath, wrapper, report, 'stubborn', process.execPath, app],
      {
        env: { ...process.env, [LIFELINE_FD_ENV]: '3' },
        stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
        detached: true,
      },
    );
    const pids = await pidsOf(report);
    expect(alive(pids.app)).toBe(true);
    // What the kernel does when the supervisor dies, even by SIGKILL: its end of the pipe closes.
    (child.stdio[3] as NodeJS.ReadableStream & { destroy(): void }).destroy();
    await gone([child.pid as number, pids.wrapper, pids.app]);
  });
});
