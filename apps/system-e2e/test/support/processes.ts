// Whether a process still exists: what the tests of interruption and supervision check last.

/** True while `pid` names a live process (signal 0 tests for existence and sends nothing). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
