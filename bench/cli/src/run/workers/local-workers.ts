import { spawn, type ChildProcess } from 'node:child_process';
import type { Duplex } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { GeneratorWorkers, WorkerEndpoint } from '@paybench/bench-load';

const WORKER = fileURLToPath(new URL('./worker-process.js', import.meta.url));

// Every worker this process started, so that none outlives it, however it ends.
const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

/** The CPUs of a taskset list (`0`, `0-3`, `0,2-3`). */
export function cpusOf(list: string): number[] {
  return list.split(',').flatMap((part) => {
    const [from, to] = part.split('-').map(Number) as [number, number | undefined];
    return Array.from({ length: (to ?? from) - from + 1 }, (_, k) => from + k);
  });
}

/** How many workers `auto` means: one per CPU of the load generator's side (1 without pinning). */
export function resolveWorkerCount(workers: number | 'auto' | undefined, loadCpus: string | null): number {
  if (workers === 'auto') return loadCpus === null ? 1 : cpusOf(loadCpus).length;
  return workers ?? 1;
}

/**
 * Where each of `count` workers runs: a CPU of its own when the load side has that many, else all of them on the
 * load side's CPUs (they share them, and the result says so); without pinning, wherever the OS puts them.
 */
export function placeWorkers(
  count: number,
  loadCpus: string | null,
): { placement: GeneratorWorkers['placement']; cpuLists: (string | null)[] } {
  if (loadCpus === null) return { placement: 'unpinned', cpuLists: Array(count).fill(null) };
  const cpus = cpusOf(loadCpus);
  if (cpus.length >= count) return { placement: 'own-cores', cpuLists: cpus.slice(0, count).map(String) };
  return { placement: 'shared-cores', cpuLists: Array(count).fill(loadCpus) };
}

/** `count` local worker processes, each pinned with taskset as placed, each reached through its pipe on fd 3. */
export function startLocalWorkers(cpuLists: readonly (string | null)[]): WorkerEndpoint[] {
  return cpuLists.map((cpuList, index) => {
    const name = `local ${index + 1}/${cpuLists.length}${cpuList === null ? '' : ` (CPU ${cpuList})`}`;
    const [command, args] = cpuList
      ? ['taskset', ['-c', cpuList, process.execPath, WORKER, name]]
      : [process.execPath, [WORKER, name]];
    // A process group of its own, as the single generator's: a terminal's Ctrl-C is the runner's to handle.
    const child = spawn(command as string, args as string[], {
      stdio: ['ignore', 'inherit', 'inherit', 'pipe'],
      detached: true,
    });
    children.add(child);
    child.on('exit', () => children.delete(child));
    const stream = child.stdio[3] as Duplex;
    // A failed spawn closes the pipe: the runner then reports the worker gone, by name.
    child.on('error', (error) => stream.destroy(error));
    return {
      name,
      stream,
      dispose: () => {
        stream.destroy();
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      },
    };
  });
}
