import type { HarnessCost, ProcessResources, ProcessSample, ResourceFigures } from '@paybench/bench-results';
import { harnessCpuSeconds, netCpuMsPerSuccess } from './harness-accounting.js';

/**
 * CPU, memory and event-loop figures over [fromMs, toMs] of the measured window. A sample with
 * `second` s was read during that second (the sampler ticks once a second), so the stretch uses
 * the samples with fromMs <= s*1000 <= toMs: CPU is the growth of the cumulative counter from the
 * first to the last of them (both ends included, so consecutive phases share their boundary
 * reading and their CPU adds up). When a process did not answer at an end, its nearest reachable
 * reading is used and a note says which seconds the CPU covers. With the cell's harness cost known, CPU
 * per success leaves out what the harness's readings cost the processes (see harness-accounting.ts).
 */
export function resourceFigures(
  samples: readonly ProcessSample[],
  processNames: readonly string[],
  stretch: { label: string; fromMs: number; toMs: number },
  successes: number,
  harness?: HarnessCost,
): ResourceFigures {
  const inStretch = samples.filter((s) => s.second * 1000 >= stretch.fromMs && s.second * 1000 <= stretch.toMs);
  const names = [...new Set([...processNames, ...inStretch.map((s) => s.process)])];
  const sampledSeconds = inStretch.map((s) => s.second);
  const firstSecond = sampledSeconds.length > 0 ? Math.min(...sampledSeconds) : null;
  const lastSecond = sampledSeconds.length > 0 ? Math.max(...sampledSeconds) : null;
  const notes: string[] = [];

  // A stretch with no sample at all was not reached (an interrupted run): one note, not two per process.
  if (inStretch.length === 0) notes.push(`${stretch.label}: not sampled (no process was scraped in this stretch)`);
  const processes = names.map((name) => {
    const own = inStretch.filter((s) => s.process === name).sort((a, b) => a.second - b.second);
    const figures = processResources(name, own);
    if (inStretch.length === 0) return figures;
    if (own.length === 0) notes.push(`${stretch.label}: no sample of ${name}`);
    else if (figures.unreachableSamples > 0) {
      notes.push(
        `${stretch.label}: ${name} did not answer ${figures.unreachableSamples} of ${own.length} scrapes (stalled?): its CPU, memory and event loop are unknown for those seconds`,
      );
    }
    if (figures.cpuSeconds === null)
      notes.push(`${stretch.label}: ${name} has fewer than two CPU readings: CPU per request unknown`);
    else if (figures.cpuFromSecond !== firstSecond || figures.cpuToSecond !== lastSecond) {
      notes.push(
        `${stretch.label}: ${name} CPU counted from second ${figures.cpuFromSecond} to ${figures.cpuToSecond} (nearest reachable readings; the sampler covered ${firstSecond} to ${lastSecond})`,
      );
    }
    return figures;
  });

  const sumOrNull = (values: (number | null)[]) =>
    values.length > 0 && values.every((v) => v !== null) ? values.reduce<number>((t, v) => t + (v ?? 0), 0) : null;
  const cpuSeconds = sumOrNull(processes.map((p) => p.cpuSeconds));
  const eventLoop = processes.map((p) => p.maxEventLoopP99Ms).filter((v): v is number => v !== null);
  if (cpuSeconds !== null && successes === 0)
    notes.push(`${stretch.label}: no successful request: CPU per request undefined`);
  const harnessCpu = harness && cpuSeconds !== null ? harnessCpuSeconds(inStretch, processes, harness) : null;
  const metricsCpu =
    harness && cpuSeconds !== null ? harnessCpuSeconds(inStretch, processes, harness, 'metricsCpuMsPerScrape') : null;
  return {
    cpuSeconds,
    cpuMsPerSuccess: netCpuMsPerSuccess(cpuSeconds, harnessCpu, successes),
    ...(harnessCpu !== null ? { harnessCpuSeconds: harnessCpu } : {}),
    ...(metricsCpu !== null ? { metricsScrapeCpuSeconds: metricsCpu } : {}),
    peakRssBytes: sumOrNull(processes.map((p) => p.peakRssBytes)),
    maxEventLoopP99Ms: eventLoop.length > 0 ? Math.max(...eventLoop) : null,
    processes,
    notes,
  };
}

/** One process's figures from its samples in the stretch, in order of second. */
function processResources(process: string, own: readonly ProcessSample[]): ProcessResources {
  const cpu = own.filter((s) => s.reachable && s.cpuSeconds !== null);
  const first = cpu.at(0);
  const last = cpu.at(-1);
  const enough = first !== undefined && last !== undefined && cpu.length >= 2;
  const max = (values: (number | null)[]) => {
    const known = values.filter((v): v is number => v !== null);
    return known.length > 0 ? Math.max(...known) : null;
  };
  const reachable = own.filter((s) => s.reachable);
  return {
    process,
    cpuSeconds: enough ? cpuSecondsOver(cpu.map((s) => s.cpuSeconds ?? 0)) : null,
    cpuFromSecond: enough ? first.second : null,
    cpuToSecond: enough ? last.second : null,
    peakRssBytes: max(reachable.map((s) => s.rssBytes)),
    maxEventLoopP99Ms: max(reachable.map((s) => s.eventLoopP99Ms)),
    unreachableSamples: own.length - reachable.length,
    samples: own.length,
  };
}

/**
 * CPU seconds a cumulative counter grew by over the samples: last minus first, unless it went down somewhere
 * (the process restarted after a crash fault counts from 0 again), in which case each life's growth is added
 * (what the killed life used between its last sample and the kill is not known and not counted).
 */
function cpuSecondsOver(counter: readonly number[]): number {
  let total = 0;
  let lifeStart = counter[0] ?? 0;
  for (let i = 1; i < counter.length; i++) {
    const previous = counter[i - 1] as number;
    if ((counter[i] as number) < previous) {
      total += previous - lifeStart;
      lifeStart = 0;
    }
  }
  return total + (counter.at(-1) ?? 0) - lifeStart;
}
