// One calibration measurement in a process of its own (pinned to the load generator's cores): the open
// loop at one rate, or autocannon's closed loop, against the trivial server. Protocol (IPC): the parent
// sends one `start` and may send `abort`; the worker answers one `result` (or `error`) and exits.
import { runOpenLoop, runSaturation, type RequestSpec } from '@paybench/bench-load';
import type { ClosedRung, OpenRung } from '@paybench/bench-results';
import { sendToParent } from '../run/send-to-parent.js';

interface StartCommon {
  type: 'start';
  origin: string;
  durationMs: number;
  warmupMs: number;
  timeoutMs: number;
  /** Keep-alive connections: the open loop's pool size, autocannon's closed-loop connections. */
  connections: number;
}

export type CalibrationStart =
  | (StartCommon & { kind: 'open'; rate: number })
  /** `request`: what autocannon sends (the floor's JSON POST); the trivial server's GET / by default. */
  | (StartCommon & { kind: 'closed'; request?: RequestSpec });

export type CalibrationMessage = { type: 'result'; rung: OpenRung | ClosedRung } | { type: 'error'; message: string };

/** Far more than the trivial server ever holds: the open loop is not to drop requests here. */
const MAX_IN_FLIGHT = 10_000;
const REQUEST: RequestSpec = { method: 'GET', path: '/' };

const abort = new AbortController();
// Awaited before the worker disconnects (see sendToParent).
const send = (message: CalibrationMessage) => sendToParent(message);

process.on('message', (message: CalibrationStart | { type: 'abort' }) => {
  if (message.type === 'abort') abort.abort();
  else
    void measure(message)
      .then(send, (error: unknown) => send({ type: 'error', message: (error as Error).stack ?? String(error) }))
      .finally(() => process.disconnect?.());
});
process.on('disconnect', () => process.exit(0));
// On a starved machine autocannon's timers (retimer) ask for negative delays, and Node warns about each on
// stderr, in the middle of the progress lines; the delay is clamped to 1 ms, as intended. Other warnings show.
process.removeAllListeners('warning');
process.on('warning', (warning) => {
  if (warning.name !== 'TimeoutNegativeWarning') process.stderr.write(`${warning.stack ?? String(warning)}\n`);
});
// Ctrl-C reaches the whole foreground group: the parent decides, and sends `abort`.
process.on('SIGINT', () => undefined);

async function measure(start: CalibrationStart): Promise<CalibrationMessage> {
  const cpuBefore = process.cpuUsage();
  if (start.kind === 'open') {
    const result = await runOpenLoop({
      origin: start.origin,
      ratePerSecond: start.rate,
      durationMs: start.durationMs,
      warmupMs: start.warmupMs,
      classes: [{ name: 'get', weight: 1, next: () => REQUEST }],
      seed: 1,
      maxInFlight: MAX_IN_FLIGHT,
      timeoutMs: start.timeoutMs,
      connections: start.connections,
      signal: abort.signal,
    });
    const cpu = process.cpuUsage(cpuBefore);
    const get = result.classes['get'];
    if (get === undefined) throw new Error('the open loop returned no figures');
    const sentInAll = Math.ceil(((start.warmupMs + start.durationMs) * start.rate) / 1000) - get.dropped;
    return {
      type: 'result',
      rung: {
        kind: 'open',
        rate: start.rate,
        offeredRate: get.offeredRate,
        achievedRate: get.achievedRate,
        lagP50: result.scheduleLag.p50,
        lagP99: result.scheduleLag.p99,
        p50: get.p50,
        p99: get.p99,
        dropped: get.dropped,
        failed: get.error,
        cpuMicrosPerRequest: (cpu.user + cpu.system) / Math.max(1, sentInAll),
        aborted: result.aborted,
      },
    };
  }
  const result = await runSaturation({
    origin: start.origin,
    connections: start.connections,
    durationMs: start.durationMs,
    warmupMs: start.warmupMs,
    requests: [start.request ?? REQUEST],
    timeoutMs: Math.max(1_000, start.timeoutMs),
    signal: abort.signal,
  });
  const cpu = process.cpuUsage(cpuBefore);
  return {
    type: 'result',
    rung: {
      kind: 'closed',
      connections: start.connections,
      throughput: result.throughput,
      p50: result.latency.p50,
      p99: result.latency.p99,
      failed: result.errors + Object.entries(result.statuses).reduce((n, [s, c]) => (s === '200' ? n : n + c), 0),
      cpuMicrosPerRequest: (cpu.user + cpu.system) / Math.max(1, result.autocannon.completed),
      requestsInAll: result.autocannon.completed,
      aborted: result.aborted ?? false,
    },
  };
}
