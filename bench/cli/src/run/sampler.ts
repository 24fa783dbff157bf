import { readProcUsage, type RunningTopology } from '@paybench/platform-runtime';
import { request } from 'undici';
import { z } from 'zod';
import type { ForwarderSample, ProcessSample } from '@paybench/bench-results';

/** The process's own reading (`GET /stats/sample` on its internal listener; libs/platform/host sample-endpoint.ts). */
const sampleReply = z.object({
  pid: z.number().int().positive(),
  cpuUs: z.number().nonnegative(),
  rssBytes: z.number().nonnegative(),
  eventLoopP99Ms: z.number().nonnegative().nullable(),
  rpcServed: z.number().int().nonnegative().optional(),
});
export type SampleReply = z.infer<typeof sampleReply>;

/** Asks a process for its sample; null when it does not answer within 500 ms (stalled) or answers wrong. */
export async function fetchSample(
  internalUrl: string,
  headers: Readonly<Record<string, string>>,
): Promise<SampleReply | null> {
  try {
    const reply = await request(`${internalUrl}/stats/sample`, { headers, signal: AbortSignal.timeout(500) });
    if (reply.statusCode !== 200) {
      await reply.body.dump();
      return null;
    }
    const parsed = sampleReply.safeParse(await reply.body.json());
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** How the sampler read each process over the cell: requests made, and where CPU and RSS came from. */
export interface SamplerReadings {
  scrapes: number;
  readVia: { proc: number; process: number };
  wrapped: boolean;
}

/**
 * Once a second, for every process: CPU seconds and RSS from /proc/<pid> (read here, before asking the
 * process: it costs the process nothing), event-loop delay from its lean `/stats/sample`, and its log
 * driver's counters; and the forwarder's buffer and counters. A process that does not answer within
 * 500 ms is recorded as unreachable for that second (a stalled process; its figures are unknown, not zero).
 *
 * The pid is the supervised child's, unless the process answers with another (a wrapper such as clinic
 * runs the app as its own child): then /proc of the pid it gave, from the next second on; in a second
 * where the /proc reading is not the answering process's, the process's own CPU and RSS are used.
 */
export function startSampler(running: RunningTopology, measuredStartMs: () => number) {
  const samples: ProcessSample[] = [];
  const forwarderSamples: ForwarderSample[] = [];
  const readings = new Map<string, SamplerReadings>();
  const appPids = new Map<string, number>();
  let stopped = false;
  // The internal listener answers this deployment's calls only.
  const internalHeaders = running.internalHeaders();
  const tick = async () => {
    const second = Math.floor((Date.now() - measuredStartMs()) / 1000);
    const drivers = running.driverStats();
    await Promise.all([
      ...running.topology.processes.map(async (p) => {
        const supervisedPid = running.processes.get(p.name)?.pid;
        // Not our child (an external target): its pid means nothing here, whatever /proc holds under that number.
        const pid = supervisedPid === undefined ? undefined : (appPids.get(p.name) ?? supervisedPid);
        // First /proc, then the request: between two readings lies exactly one request's cost.
        const usage = pid === undefined ? null : await readProcUsage(pid);
        const reply = await fetchSample(p.internalUrl, internalHeaders);
        const own = readings.get(p.name) ?? { scrapes: 0, readVia: { proc: 0, process: 0 }, wrapped: false };
        readings.set(p.name, own);
        own.scrapes++;
        if (reply) {
          appPids.set(p.name, reply.pid);
          // No supervised pid (an external target): read from the process itself, not through a wrapper.
          if (supervisedPid !== undefined && reply.pid !== supervisedPid) own.wrapped = true;
        }
        const fromProc = reply !== null && usage !== null && reply.pid === pid;
        if (reply) own.readVia[fromProc ? 'proc' : 'process']++;
        const d = drivers[p.name];
        samples.push({
          second,
          process: p.name,
          reachable: reply !== null,
          cpuSeconds: reply ? (fromProc ? (usage?.cpuSeconds ?? null) : reply.cpuUs / 1e6) : null,
          rssBytes: reply ? (fromProc ? (usage?.rssBytes ?? null) : reply.rssBytes) : null,
          eventLoopP99Ms: reply?.eventLoopP99Ms ?? null,
          ...(reply?.rpcServed !== undefined ? { rpcServed: reply.rpcServed } : {}),
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
    /** Per process, so far. */
    readings: (): ReadonlyMap<string, SamplerReadings> => readings,
    async stop() {
      stopped = true;
      await loop;
      await tick();
    },
  };
}
