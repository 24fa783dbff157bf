import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { pinSamplerThreads } from './pin-sampler-thread.js';

// A real Node process whose main thread profiles itself through node:inspector, as a profiled process does.
const PROFILING_CHILD = `
const { Session } = require('node:inspector');
const session = new Session();
session.connect();
session.post('Profiler.enable', () =>
  session.post('Profiler.start', () => process.send('profiling')));
setInterval(() => undefined, 1000);
`;

const allowedCpus = (pid: number, tid: number) =>
  /Cpus_allowed_list:\s*(\S+)/.exec(readFileSync(`/proc/${pid}/task/${tid}/status`, 'utf8'))?.[1];

describe("moving a profiled process's V8 sampler thread", () => {
  let child: ReturnType<typeof spawn> | undefined;
  afterEach(() => child?.kill('SIGKILL'));

  it('pins that thread, and only it, to the given CPUs', async () => {
    child = spawn(process.execPath, ['-e', PROFILING_CHILD], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    await once(child, 'message');
    const pid = child.pid as number;
    const before = allowedCpus(pid, pid);
    const moved = await pinSamplerThreads(pid, '0');
    expect(moved).toHaveLength(1);
    expect(allowedCpus(pid, moved[0] as number)).toBe('0');
    // The main thread keeps where it was.
    expect(allowedCpus(pid, pid)).toBe(before);
  });

  it('refuses a process that is not profiling, naming it', async () => {
    child = spawn(process.execPath, ['-e', 'process.send("up"); setInterval(() => undefined, 1000)'], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    await once(child, 'message');
    await expect(pinSamplerThreads(child.pid as number, '0')).rejects.toThrow(
      `process ${child.pid} has no v8:ProfEvntProc thread`,
    );
  });
});
