import type { RunningTopology } from '@paybench/platform-runtime';
import { request } from 'undici';
import type { ForwarderSample, ProcessSample } from '@paybench/bench-results';

/** The figures read from a process's Prometheus text (prom-client default metric names). */
export function parseProcessMetrics(text: string): {
  cpuSeconds: number | null;
  rssBytes: number | null;
  eventLoopP99Ms: number | null;
} {
  const value = (name: string): number | null => {
    const match = new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.eE+-]+)$`, 'm').exec(text);
    return match ? Number(match[1]) : null;
  };
  const p99 = value('nodejs_eventloop_lag_p99_seconds');
  return {
    cpuSeconds: value('process_cpu_seconds_total'),
    rssBytes: value('process_resident_memory_bytes'),
    eventLoopP99Ms: p99 === null ? null : p99 * 1000,
  };
}

async function scrape(url: string, headers: Readonly<Record<string, string>>): Promise<string | null> {
  try {
    const reply = await request(url, { headers, signal: AbortSignal.timeout(500) });
    if (reply.statusCode !== 200) {
      await reply.body.dump();
      return null;
    }
    return await reply.body.text();
  } catch {
    return null;
  }
}

/**
 * Once a second, for every process: CPU seconds, RSS and event-loop delay from its /metrics, and
 * its log driver's counters; and the forwarder's buffer and counters. A process that does not
 * answer within 500 ms is recorded as unreachable for that second (a stalled process cannot be
 * scraped; its figures are unknown, not zero).
 */
export function startSampler(running: RunningTopology, measuredStartMs: () => number) {
  const samples: ProcessSample[] = [];
  const forwarderSamples: ForwarderSample[] = [];
  let stopped = false;
  // The internal listener answers this deployment's calls only.
  const internalHeaders = running.internalHeaders();
  const tick = async () => {
    const second = Math.floor((Date.now() - measuredStartMs()) / 1000);
    const drivers = running.driverStats();
    await Promise.all([
      ...running.topology.processes.map(async (p) => {
        const text = await scrape(`${p.internalUrl}/metrics`, internalHeaders);
        const metrics = text ? parseProcessMetrics(text) : { cpuSeconds: null, rssBytes: null, eventLoopP99Ms: null };
        const d = drivers[p.name];
        samples.push({
          second,
          process: p.name,
          reachable: text !== null,
          ...metrics,
          driver: d
            ? {
                linesRead: d.linesRead,
                linesDropped: d.linesDropped,
                bufferedBytes: d.bufferedBytes,
                readingPaused: d.readingPaused,
              }
            : null,
        });
      }),
      (async () => {
        const stats = await running.forwarder?.client.stats().catch(() => null);
        if (stats) {
          forwarderSamples.push({
            second,
            buffered: stats.buffered,
            processed: stats.totals.processed,
            dropped: stats.totals.dropped,
            series: stats.series,
            pausedSockets: stats.pausedSockets,
          });
        }
      })(),
    ]);
  };
  const loop = (async () => {
    while (!stopped) {
      const next = Date.now() + 1000;
      await tick();
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - Date.now())));
    }
  })();
  return {
    samples,
    forwarderSamples,
    async stop() {
      stopped = true;
      await loop;
      await tick();
    },
  };
}
