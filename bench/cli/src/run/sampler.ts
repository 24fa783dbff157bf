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
 * The process is asked (`/stats/sample`, ~0.3-0.5 ms of its CPU) once every this many seconds; /proc, which costs
 * it nothing, is read every second. Per second stay what needs it: CPU (the per-second intervals, a crash's
 * restart) and RSS. Event-loop delay p99 (over the seconds since the last ask) and the RPC and logger counters
 * (cumulative) lose nothing that a figure reads per second; a stalled process still shows, at its next ask.
 * One ask a second was ~1-2% of the system's CPU at 50-100 req/s for microservices' five processes (issue 16).
 */
export const ASK_EVERY_SECONDS = 5;

/**
 * Once a second, for every process: CPU seconds and RSS from /proc/<pid> (read here, before asking the process:
 * it costs the process nothing); every ASK_EVERY_SECONDS (and at the first and last tick, and whenever the
 * process's pid is not yet confirmed by an answer, e.g. after a restart) also event-loop delay from its lean
 * `/stats/sample`; every second its log driver's counters; and the forwarder's buffer and counters. A process that
 * does not answer within 500 ms is recorded as unreachable for that second (a stalled process; its figures are
 * unknown, not zero); in a second it is not asked, `reachable` says whether /proc could be read.
 *
 * The pid is the supervised child's, unless the process answers with another (a wrapper such as clinic
 * runs the app as its own child): then /proc of the pid it gave, from the next second on; in a second
 * where the /proc reading is not the answering process's, the process's own CPU and RSS are used.
 */
export function startSampler(running: RunningTopology, measuredStartMs: () => number) {
  const samples: ProcessSample[] = [];
  const forwarderSamples: ForwarderSample[] = [];
  const readings = new Map<string, SamplerReadings>();
  /** Per process, the app pid its last answer gave, for the supervised pid it was given under. */
  const appPids = new Map<string, { supervised: number | undefined; app: number }>();
  let stopped = false;
  let ticks = 0;
  // The internal listener answers this deployment's calls only.
  const internalHeaders = running.internalHeaders();
  const tick = async (last: boolean) => {
    const second = Math.floor((Date.now() - measuredStartMs()) / 1000);
    const askDue = last || ticks++ % ASK_EVERY_SECONDS === 0;
    const drivers = running.driverStats();
    await Promise.all([
      ...running.topology.processes.map(async (p) => {
        const supervisedPid = running.processes.get(p.name)?.pid;
        const known = appPids.get(p.name);
        // Not our child (an external target): its pid means nothing here, whatever /proc holds under that
        // number, so it is never read from /proc and is asked every second.
        const confirmed = supervisedPid !== undefined && known !== undefined && known.supervised === supervisedPid;
        const pid = supervisedPid === undefined ? undefined : confirmed ? known.app : supervisedPid;
        // First /proc, then the request: between two readings lies exactly one request's cost.
        const usage = pid === undefined ? null : await readProcUsage(pid);
        const own = readings.get(p.name) ?? { scrapes: 0, readVia: { proc: 0, process: 0 }, wrapped: false };
        readings.set(p.name, own);
        const d = drivers[p.name];
        const driver = d
          ? {
              linesRead: d.linesRead,
              linesDropped: d.linesDropped,
              bufferedBytes: d.bufferedBytes,
              readingPaused: d.readingPaused,
            }
          : null;
        if (!askDue && confirmed) {
          if (usage !== null) own.readVia.proc++;
          samples.push({
            second,
            process: p.name,
            reachable: usage !== null,
            asked: false,
            cpuSeconds: usage?.cpuSeconds ?? null,
            rssBytes: usage?.rssBytes ?? null,
            eventLoopP99Ms: null,
            driver,
          });
          return;
        }
        const reply = await fetchSample(p.internalUrl, internalHeaders);
        own.scrapes++;
        if (reply) {
          appPids.set(p.name, { supervised: supervisedPid, app: reply.pid });
          // No supervised pid (an external target): read from the process itself, not through a wrapper.
          if (supervisedPid !== undefined && reply.pid !== supervisedPid) own.wrapped = true;
        }
        const fromProc = reply !== null && usage !== null && reply.pid === pid;
        if (reply) own.readVia[fromProc ? 'proc' : 'process']++;
        samples.push({
          second,
          process: p.name,
          reachable: reply !== null,
          cpuSeconds: reply ? (fromProc ? (usage?.cpuSeconds ?? null) : reply.cpuUs / 1e6) : null,
          rssBytes: reply ? (fromProc ? (usage?.rssBytes ?? null) : reply.rssBytes) : null,
          eventLoopP99Ms: reply?.eventLoopP99Ms ?? null,
          ...(reply?.rpcServed !== undefined ? { rpcServed: reply.rpcServed } : {}),
          driver,
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
      await tick(false);
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
      await tick(true);
    },
  };
}
