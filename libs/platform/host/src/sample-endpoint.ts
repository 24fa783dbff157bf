import { timingSafeEqual } from 'node:crypto';
import type { RequestListener } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { INTERNAL_AUTH_HEADER, rpcServedCount } from '@paybench/platform-http';
import type { LoggerStats } from '@paybench/platform-logging';

/** What `GET /stats/sample` answers: plain JSON, a handful of numbers read in microseconds. */
export interface ProcessSampleReply {
  /** This process's pid: the supervisor reads /proc/<pid> itself, and knows by it when a wrapper stands between. */
  pid: number;
  /** process.cpuUsage(), user + system, µs: used only when the supervisor cannot read /proc for this pid. */
  cpuUs: number;
  rssBytes: number;
  /** p99 of the event-loop delay since the previous reply (10 ms resolution), ms; null before any delay was recorded. */
  eventLoopP99Ms: number | null;
  logger: { emitted: number; dropped: number };
  /** Module calls served on the internal RPC routes since the process started (rpcServedCount). */
  rpcServed: number;
}

/**
 * The harness's once-a-second reading of the process (`GET /stats/sample` on the internal listener): only
 * what only the process knows (event-loop delay, its logger's counters) plus its pid, and its own CPU and
 * RSS as a fallback. It replaces a scrape of /metrics, whose prom-client default set costs the process
 * ~2-3 ms of CPU per scrape (rendering ~10 KB of text). Served ahead of express for a caller holding the
 * deployment's secret (express's middleware, trace context and router cost more than the reading itself);
 * any other request, this path without the secret included, goes on to the app and its guard. /metrics
 * stays for Prometheus users.
 */
export function withSampleEndpoint(
  app: RequestListener,
  options: { internalSecret: string; loggerStats: () => LoggerStats },
): RequestListener {
  const reading = sampleReading(options.loggerStats);
  const expected = Buffer.from(options.internalSecret, 'utf8');
  const authorised = (given: string | string[] | undefined) => {
    if (typeof given !== 'string') return false;
    const offered = Buffer.from(given, 'utf8');
    return offered.length === expected.length && timingSafeEqual(offered, expected);
  };
  return (req, res) => {
    if (req.method !== 'GET' || req.url !== '/stats/sample' || !authorised(req.headers[INTERNAL_AUTH_HEADER])) {
      app(req, res);
      return;
    }
    const body = JSON.stringify(reading());
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };
}

/** The reading, made fresh at every call; the event-loop histogram starts again after each. */
function sampleReading(loggerStats: () => LoggerStats): () => ProcessSampleReply {
  // Our own histogram, reset at every reading: prom-client's is reset by /metrics scrapes, which are not ours.
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  return () => {
    const cpu = process.cpuUsage();
    const p99 = delay.count > 0 ? delay.percentile(99) / 1e6 : null;
    delay.reset();
    const { emitted, dropped } = loggerStats();
    return {
      pid: process.pid,
      cpuUs: cpu.user + cpu.system,
      rssBytes: process.memoryUsage.rss(),
      eventLoopP99Ms: p99,
      logger: { emitted, dropped },
      rpcServed: rpcServedCount(),
    };
  };
}
