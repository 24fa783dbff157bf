import { Session } from 'node:inspector/promises';
import { controlGuard, errorBody } from '@paybench/platform-http';
import type { Express, NextFunction, Request, Response } from 'express';

/** V8's default sampling interval; a profile of a few seconds at 1 kHz is a few hundred KiB. */
const DEFAULT_SAMPLING_INTERVAL_US = 1000;

/**
 * A V8 CPU profile of this process's main thread, taken on demand for a stretch of time chosen by
 * the harness: `POST /profile/cpu/start` (optional JSON body `{ "samplingIntervalUs": n }`), then
 * `POST /profile/cpu/stop`, which answers `{ profile, cpu }`: the profile (the `.cpuprofile`
 * format Chrome DevTools and speedscope open) and the CPU time the kernel charged over the same
 * stretch, to the main thread (the profiled one) and to the whole process, in microseconds. V8's
 * samples tell where the main thread was; how much CPU that was is the kernel's figure (a
 * sample's time to the next one is wall time, which includes time the thread was preempted).
 *
 * Why the inspector and not `node --cpu-prof`: the harness wants the measured window only, not
 * start-up, warm-up and shutdown; `--cpu-prof` covers the whole life of the process and is written
 * only on a clean exit, so a stalled process killed with SIGKILL would leave nothing. A
 * `node:inspector` session in the process starts and stops the profiler at the window's edges,
 * and works in every process of every topology without restarting anything.
 *
 * Mounted on the internal listener only (so behind the deployment's secret), never the public API,
 * and it answers loopback clients only (403 otherwise), even when the process binds to another
 * address; like every control endpoint it also refuses non-loopback Host names, foreign origins and
 * bodies that are not JSON (see controlGuard).
 */
export function mountCpuProfiler(app: Express): void {
  let session: Session | undefined;
  let cpuAtStart = { thread: 0, process: 0 };
  const loopbackOnly = (req: Request, res: Response, next: NextFunction) => {
    if (isLoopback(req.socket.remoteAddress)) {
      next();
      return;
    }
    res.status(403).json(errorBody('forbidden', 'the profiler answers loopback clients only'));
  };
  const guard = [loopbackOnly, ...controlGuard({ bodyLimit: '1kb' })];
  const failed = (res: Response, status: number, code: string, message: string) =>
    res.status(status).json(errorBody(code, message));

  app.post('/profile/cpu/start', ...guard, (req, res, next) => {
    if (session) {
      failed(res, 409, 'profile_running', 'a CPU profile is already running: stop it first');
      return;
    }
    const requested = (req.body as { samplingIntervalUs?: unknown } | undefined)?.samplingIntervalUs;
    const interval = requested === undefined ? DEFAULT_SAMPLING_INTERVAL_US : Number(requested);
    if (!Number.isInteger(interval) || interval < 50 || interval > 100_000) {
      failed(res, 400, 'invalid_request', 'samplingIntervalUs: expected an integer from 50 to 100000');
      return;
    }
    const started = new Session();
    session = started;
    (async () => {
      started.connect();
      await started.post('Profiler.enable');
      await started.post('Profiler.setSamplingInterval', { interval });
      await started.post('Profiler.start');
      cpuAtStart = cpuNow();
      res.json({ status: 'profiling', pid: process.pid, samplingIntervalUs: interval });
    })().catch((error: unknown) => {
      session = undefined;
      started.disconnect();
      next(error);
    });
  });

  app.post('/profile/cpu/stop', ...guard, (_req, res, next) => {
    const running = session;
    if (!running) {
      failed(res, 409, 'no_profile', 'no CPU profile is running: start one first');
      return;
    }
    session = undefined;
    (async () => {
      const { profile } = await running.post('Profiler.stop');
      const cpu = cpuNow();
      await running.post('Profiler.disable');
      running.disconnect();
      res.json({
        profile,
        cpu: { mainThreadUs: cpu.thread - cpuAtStart.thread, processUs: cpu.process - cpuAtStart.process },
      });
    })().catch((error: unknown) => {
      running.disconnect();
      next(error);
    });
  });
}

/** CPU time (user + system, µs) of this thread (the main one: the handlers run on it) and of the process. */
function cpuNow(): { thread: number; process: number } {
  const thread = process.threadCpuUsage();
  const all = process.cpuUsage();
  return { thread: thread.user + thread.system, process: all.user + all.system };
}

export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  return v4.startsWith('127.') || address === '::1';
}
