import autocannon from 'autocannon';
import { performance } from 'node:perf_hooks';
import { createLatencyHistogram, recordMillis, summarizeLatency, type LatencySummary } from './latency-histogram.js';
import type { RequestSpec } from './request-spec.js';
import { noErrors, transportErrorKind, type ErrorsByKind } from './transport-error.js';

export interface SaturationOptions {
  origin: string;
  /** Closed loop: each connection sends its next request as soon as the previous one is answered. */
  connections: number;
  /** Length of the measured window, after warm-up. */
  durationMs: number;
  /** Answers in this first stretch are not counted. */
  warmupMs?: number;
  /** A fixed list cycled through in order, or the i-th request of the run (i counts from 0 over all connections). */
  requests: RequestSpec[] | ((i: number) => RequestSpec);
  /** autocannon's per-connection timeout; it counts whole seconds or more, so at least 1000. */
  timeoutMs: number;
  /** Stops the load early (at the next sample tick); the result covers the window measured so far. */
  signal?: AbortSignal;
}

/**
 * Maximum throughput, measured closed loop. The latencies here are service times under saturation,
 * measured from each request's actual send: they are not latencies under a given load (use the
 * open-loop generator for that).
 */
export interface SaturationResult {
  /** Answers (any status) whose completion fell in the measured window. */
  completed: number;
  /** completed / measured seconds (those before an abort, when aborted). */
  throughput: number;
  /** Answers in the measured window by exact HTTP status code. */
  statuses: Record<string, number>;
  /** Failures without an answer in the measured window (timeouts included), by kind. */
  errors: number;
  errorsByKind: ErrorsByKind;
  /**
   * Send to last byte of every answer in the window, microseconds, from autocannon's per-response
   * event (measured with process.hrtime, sub-millisecond), not from its whole-millisecond summary.
   * latency.count == completed. Failures have no latency sample (autocannon gives none).
   */
  latency: LatencySummary;
  /** autocannon's own counters over the whole run, warm-up included, to cross-check the above. */
  autocannon: { completed: number; errors: number; timeouts: number; non2xx: number };
  connections: number;
  durationMs: number;
  warmupMs: number;
  /** Stopped early by the signal: `durationMs` was not measured in full (absent in older results). */
  aborted?: boolean;
}

/** Beyond the configured duration, autocannon stops at its next sample tick: keep ticks short. */
const SAMPLE_INTERVAL_MS = 100;

export async function runSaturation(options: SaturationOptions): Promise<SaturationResult> {
  const warmupMs = options.warmupMs ?? 0;
  const { durationMs, connections } = options;
  if (!(options.timeoutMs >= 1000))
    throw new RangeError(`timeoutMs must be >= 1000 for autocannon, got ${options.timeoutMs}`);
  if (!(durationMs > 0)) throw new RangeError(`durationMs must be positive, got ${durationMs}`);
  if (!Number.isInteger(connections) || connections < 1) throw new RangeError(`connections must be an integer >= 1`);

  const requestAt = typeof options.requests === 'function' ? options.requests : cycle(options.requests);
  let requestIndex = 0;
  const latency = createLatencyHistogram();
  const statuses: Record<string, number> = {};
  const errorsByKind = noErrors();
  let completed = 0;

  const t0 = performance.now();
  const measureStart = t0 + warmupMs;
  const measureEnd = measureStart + durationMs;
  // Answers after an abort are not counted: autocannon only stops at its next sample tick.
  let abortedAt: number | null = null;
  const inWindow = () => {
    const now = performance.now();
    return abortedAt === null && now >= measureStart && now < measureEnd;
  };

  const autocannonOptions: autocannon.Options = {
    url: options.origin,
    connections,
    pipelining: 1,
    duration: (warmupMs + durationMs) / 1000,
    sampleInt: SAMPLE_INTERVAL_MS,
    timeout: options.timeoutMs / 1000,
    // ignoreCoordinatedOmission is deliberately not set: autocannon rejects it without a rate, and
    // without a rate its correction never runs. The correction would be wrong anyway (it assumes a
    // 1 ms interval whatever the rate and invents samples), and latencies are taken from the
    // per-response events below, not from autocannon's histogram.
    // One template, rebuilt for every request, so that request i is the same whatever the
    // connection that sends it. Headers are copied: autocannon writes Content-Length into them.
    requests: [
      {
        setupRequest: (request) => {
          const spec = requestAt(requestIndex++);
          return {
            ...request,
            method: spec.method,
            path: spec.path,
            headers: { ...spec.headers },
            body: spec.body ?? '',
          };
        },
      },
    ],
  };
  let instance: autocannon.Instance | undefined;
  const stop = () => {
    abortedAt = performance.now();
    instance?.stop();
  };
  const summary = await new Promise<autocannon.Result>((resolve, reject) => {
    // The callback form returns the instance whose per-response events carry the precise timings.
    instance = autocannon(autocannonOptions, (error: unknown, result) => (error ? reject(error) : resolve(result)));
    if (options.signal?.aborted) stop();
    else options.signal?.addEventListener('abort', stop, { once: true });
    instance.on('response', (_client, statusCode, _bytes, responseTimeMs) => {
      if (!inWindow()) return;
      completed++;
      statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
      recordMillis(latency, responseTimeMs);
    });
    instance.on('reqError', (error: unknown) => {
      if (!inWindow()) return;
      // autocannon reports its own per-connection timeout as a plain Error with this message.
      const kind =
        error instanceof Error && error.message === 'request timed out' ? 'timeout' : transportErrorKind(error);
      errorsByKind[kind]++;
    });
  }).finally(() => options.signal?.removeEventListener('abort', stop));

  const measuredMs = abortedAt === null ? durationMs : Math.min(durationMs, Math.max(0, abortedAt - measureStart));
  return {
    completed,
    throughput: measuredMs > 0 ? completed / (measuredMs / 1000) : 0,
    statuses,
    errors: Object.values(errorsByKind).reduce((total, count) => total + count, 0),
    errorsByKind,
    latency: summarizeLatency(latency),
    autocannon: {
      completed: summary.requests.total,
      errors: summary.errors,
      timeouts: summary.timeouts,
      non2xx: summary.non2xx,
    },
    connections,
    durationMs,
    warmupMs,
    aborted: abortedAt !== null,
  };
}

function cycle(requests: RequestSpec[]): (i: number) => RequestSpec {
  if (requests.length === 0) throw new RangeError('requests must not be empty');
  return (i) => requests[i % requests.length];
}
