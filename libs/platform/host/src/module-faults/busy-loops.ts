/** Keeps this thread busy for `ms`: nothing else of the process runs meanwhile (no timer, no socket). */
export function busyFor(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // Spin: a blocked event loop is the fault.
  }
}

/** A process-wide busy loop a fault started; `stop` ends it (the block under way, if any, runs out). */
export interface BusyLoop {
  stop(): void;
}

/** One block of `ms` now; with `everyMs`, again every `everyMs` until stopped. */
export function startBlocks(ms: number, everyMs: number | undefined): BusyLoop {
  // Off the caller's turn (the control request's answer goes out first), like a stall that begins on its own.
  const first = setTimeout(() => busyFor(ms), 0);
  const every = everyMs === undefined ? undefined : setInterval(() => busyFor(ms), everyMs);
  first.unref();
  every?.unref();
  return {
    stop() {
      clearTimeout(first);
      if (every) clearInterval(every);
    },
  };
}

/** The slice a CPU hog divides time into: short enough to spread evenly, long enough to cost little to schedule. */
export const HOG_SLICE_MS = 10;

/**
 * Busy `share` of each ~10 ms slice, idle the rest. Each slice is timed from its own start, so a timer
 * that fires late shortens the idle part, not the busy one (the share is still approximate under load).
 */
export function startCpuHog(share: number): BusyLoop {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const slice = () => {
    if (stopped) return;
    const start = performance.now();
    busyFor(share * HOG_SLICE_MS);
    timer = setTimeout(slice, Math.max(0, start + HOG_SLICE_MS - performance.now()));
    timer.unref();
  };
  timer = setTimeout(slice, 0);
  timer.unref();
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
