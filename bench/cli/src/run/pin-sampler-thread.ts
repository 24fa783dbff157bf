import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);
/** The sampler thread names itself once it runs, which can be a moment after the profiler has started. */
const NAMING_WAIT_MS = 1_000;
const POLL_MS = 10;

/** The name V8 gives the thread that samples a profiled isolate (its profiler events processor). */
export const SAMPLER_THREAD_NAME = 'v8:ProfEvntProc';

/**
 * Moves the V8 sampler thread(s) of process `pid` onto `cpuList` (taskset syntax), away from the core the process
 * runs on. Why: on a core the process shares with its peers, the sampler thread gets the core mostly when the main
 * thread gives it up, so its samples pile up where the main thread yields: socket and pipe writes that wake a peer
 * (measured: logging read 0.88 ms of the monolith's 1.27 ms per request, where logging off saves 0.15-0.18 ms). From
 * another core its signal interrupts the main thread wherever it runs. Linux only (/proc and taskset). Returns the
 * thread ids moved; throws naming what failed.
 */
export async function pinSamplerThreads(pid: number, cpuList: string): Promise<number[]> {
  let samplers = samplerThreads(pid);
  for (let waited = 0; samplers.length === 0 && waited < NAMING_WAIT_MS; waited += POLL_MS) {
    await sleep(POLL_MS);
    samplers = samplerThreads(pid);
  }
  if (samplers.length === 0) throw new Error(`process ${pid} has no ${SAMPLER_THREAD_NAME} thread (not profiling?)`);
  for (const tid of samplers) await run('taskset', ['-p', '-c', cpuList, tid]);
  return samplers.map(Number);
}

function samplerThreads(pid: number): string[] {
  const tasks = `/proc/${pid}/task`;
  return readdirSync(tasks).filter((tid) => {
    try {
      return readFileSync(`${tasks}/${tid}/comm`, 'utf8').trim() === SAMPLER_THREAD_NAME;
    } catch {
      return false; // the thread ended meanwhile
    }
  });
}
