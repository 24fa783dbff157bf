// Waiting helpers for tests that drive real child processes. They wait for a state, never for a
// fixed time: on a loaded 2-core CI machine a child can take seconds to start or to be scheduled.
import { existsSync, readFileSync } from 'node:fs';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `condition` until it holds; fails naming `what` after `timeoutMs`. */
export async function waitFor(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(10);
  }
}

/** Waits until `file` exists and its text satisfies `ready` (a child writes it once it is set up). */
export async function waitForFile(
  file: string,
  ready: (text: string) => boolean = (text) => text.length > 0,
): Promise<string> {
  let text = '';
  await waitFor(() => existsSync(file) && ready((text = readFileSync(file, 'utf8'))), `${file} to be written`);
  return text;
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether the process is asleep in the kernel (state S or D in /proc/<pid>/stat), as a writer
 * blocked on a full pipe or socket is. A writer that is merely waiting for a CPU is R.
 */
export function asleep(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state === 'S' || state === 'D';
  } catch {
    return false;
  }
}

/**
 * Waits until a writer is stuck: `progress()` has not moved for `quietMs` and the writer's process
 * is asleep. The second condition keeps a writer that the scheduler has merely left waiting on a
 * busy machine from being taken for a blocked one. Returns the progress it is stuck at.
 */
export async function stuckAt(progress: () => number, pid: number, quietMs = 400): Promise<number> {
  let last = progress();
  let quietSince = Date.now();
  for (;;) {
    await sleep(25);
    const now = progress();
    if (now !== last) [last, quietSince] = [now, Date.now()];
    else if (last > 0 && Date.now() - quietSince >= quietMs && asleep(pid)) return last;
  }
}
