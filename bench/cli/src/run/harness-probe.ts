import type { RunningTopology } from '@paybench/platform-runtime';
import type { HarnessCost } from '@paybench/bench-results';
import { request } from 'undici';
import { fetchSample, type SamplerReadings } from './sampler.js';

/** Requests per probe: enough that a ~0.3 ms cost is read well above process.cpuUsage's 1 µs resolution. */
const PROBE_REQUESTS = 20;

/** One process's measured cost of one sample request and of one /metrics scrape, ms of its CPU. */
export interface ProbedCost {
  cpuMsPerScrape: number | null;
  metricsCpuMsPerScrape: number | null;
}

/**
 * CPU of the process per request: `count` requests back to back, each answer carrying the process's
 * own CPU counter read while it served it; (last - first) / (count - 1) is what one request cost it
 * between two readings (an upper bound: it includes the process's idle CPU over those few ms).
 */
export async function cpuMsPerRequest(readCpuUs: () => Promise<number | null>, count: number): Promise<number | null> {
  const first = await readCpuUs();
  let last = first;
  for (let i = 1; i < count; i++) last = await readCpuUs();
  if (first === null || last === null) return null;
  return (last - first) / 1000 / (count - 1);
}

/** process_cpu_seconds_total from a /metrics scrape, in µs (prom-client reads process.cpuUsage: µs resolution). */
async function metricsCpuUs(url: string, headers: Record<string, string>): Promise<number | null> {
  try {
    const reply = await request(url, { headers, signal: AbortSignal.timeout(2_000) });
    const text = await reply.body.text();
    const match = /^process_cpu_seconds_total(?:\{[^}]*\})? ([0-9.eE+-]+)$/m.exec(text);
    return reply.statusCode === 200 && match ? Number(match[1]) * 1e6 : null;
  } catch {
    return null;
  }
}

/**
 * Measures, per process and one process at a time (they may share a core), before the load: what one
 * sample request costs it and what one /metrics scrape would (the sampler's reading before it read /proc).
 */
export async function probeHarnessCost(running: RunningTopology): Promise<Map<string, ProbedCost>> {
  const headers = running.internalHeaders();
  const costs = new Map<string, ProbedCost>();
  for (const p of running.topology.processes) {
    const sampleCpu = async () => (await fetchSample(p.internalUrl, headers))?.cpuUs ?? null;
    const cpuMsPerScrape = await cpuMsPerRequest(sampleCpu, PROBE_REQUESTS);
    const metricsCpuMsPerScrape = await cpuMsPerRequest(
      () => metricsCpuUs(`${p.internalUrl}/metrics`, headers),
      PROBE_REQUESTS,
    );
    costs.set(p.name, { cpuMsPerScrape, metricsCpuMsPerScrape });
  }
  return costs;
}

/** The cell's record: the probe's costs beside the sampler's count of requests and how it read each process. */
export function harnessCost(
  processes: readonly string[],
  probed: ReadonlyMap<string, ProbedCost>,
  readings: ReadonlyMap<string, SamplerReadings>,
): HarnessCost {
  return {
    processes: processes.map((process) => {
      const read = readings.get(process);
      const cost = probed.get(process);
      return {
        process,
        scrapes: read?.scrapes ?? 0,
        cpuMsPerScrape: cost?.cpuMsPerScrape ?? null,
        metricsCpuMsPerScrape: cost?.metricsCpuMsPerScrape ?? null,
        readVia: { ...(read?.readVia ?? { proc: 0, process: 0 }) },
        wrapped: read?.wrapped ?? false,
      };
    }),
  };
}
