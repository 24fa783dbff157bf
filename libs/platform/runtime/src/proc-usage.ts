import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';

/** CPU time and resident memory of one process, as the kernel accounts them. */
export interface ProcUsage {
  /** utime + stime of every thread, seconds (resolution: one clock tick, 10 ms on Linux). */
  cpuSeconds: number;
  rssBytes: number;
}

let units: { ticksPerSecond: number; pageBytes: number } | undefined;

/** The kernel's units, asked once of getconf (an argument array, no shell); Linux's usual values otherwise. */
function kernelUnits(): { ticksPerSecond: number; pageBytes: number } {
  if (units) return units;
  const ask = (name: string, fallback: number) => {
    try {
      const value = Number(execFileSync('getconf', [name], { encoding: 'utf8', timeout: 2_000 }).trim());
      return Number.isFinite(value) && value > 0 ? value : fallback;
    } catch {
      return fallback;
    }
  };
  units = { ticksPerSecond: ask('CLK_TCK', 100), pageBytes: ask('PAGESIZE', 4096) };
  return units;
}

/**
 * Parses /proc/<pid>/stat and /proc/<pid>/statm (see proc(5)). The command name (field 2) is in
 * parentheses and may hold spaces or parentheses itself, so fields are counted after its last ')'.
 */
export function parseProcUsage(stat: string, statm: string, ticksPerSecond: number, pageBytes: number): ProcUsage {
  const close = stat.lastIndexOf(')');
  if (close < 0) throw new Error('malformed /proc/<pid>/stat: no command name');
  // After ')': field 3 (state) is at index 0, so field n is at index n - 3.
  const fields = stat
    .slice(close + 2)
    .trim()
    .split(/\s+/);
  const utime = Number(fields[14 - 3]);
  const stime = Number(fields[15 - 3]);
  const residentPages = Number(statm.trim().split(/\s+/)[1]);
  if (![utime, stime, residentPages].every(Number.isFinite)) throw new Error('malformed /proc/<pid>/stat or statm');
  return { cpuSeconds: (utime + stime) / ticksPerSecond, rssBytes: residentPages * pageBytes };
}

/**
 * Reads a process's CPU and RSS from /proc without asking the process (it costs the process nothing and
 * answers while it is stalled). Null when it cannot be read: the process is gone, or this is not Linux.
 */
export async function readProcUsage(pid: number): Promise<ProcUsage | null> {
  try {
    const [stat, statm] = await Promise.all([
      readFile(`/proc/${pid}/stat`, 'utf8'),
      readFile(`/proc/${pid}/statm`, 'utf8'),
    ]);
    const { ticksPerSecond, pageBytes } = kernelUnits();
    return parseProcUsage(stat, statm, ticksPerSecond, pageBytes);
  } catch {
    return null;
  }
}
