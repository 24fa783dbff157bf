import type { HarnessCost, ProcessResources, ProcessSample, ResourceFigures } from '@paybench/bench-results';

/**
 * The CPU the harness's readings cost the processes within a stretch, seconds: per process, the
 * requests between its first and last CPU reading (the sampler reads /proc, then asks the process, so each
 * reading but the last that was asked stands for one request in the stretch; a /proc-only reading,
 * `asked: false`, for none) times that process's measured cost per request. Null when a
 * process whose CPU is counted has no measured cost (the figure is then left as measured).
 */
export function harnessCpuSeconds(
  stretchSamples: readonly ProcessSample[],
  processes: readonly ProcessResources[],
  harness: HarnessCost,
  cost: 'cpuMsPerScrape' | 'metricsCpuMsPerScrape' = 'cpuMsPerScrape',
): number | null {
  let total = 0;
  for (const p of processes) {
    if (p.cpuSeconds === null || p.cpuFromSecond === null || p.cpuToSecond === null) continue;
    const perScrape = harness.processes.find((h) => h.process === p.process)?.[cost] ?? null;
    if (perScrape === null) return null;
    const from = p.cpuFromSecond;
    const to = p.cpuToSecond;
    const readings = stretchSamples
      .filter(
        (s) => s.process === p.process && s.reachable && s.cpuSeconds !== null && s.second >= from && s.second <= to,
      )
      .sort((a, b) => a.second - b.second);
    const requests = readings.slice(0, -1).filter((s) => s.asked !== false).length;
    total += (requests * perScrape) / 1000;
  }
  return total;
}

/** CPU ms per success with the harness's cost taken out, when it is known; as measured otherwise. */
export function netCpuMsPerSuccess(cpuSeconds: number | null, harnessSeconds: number | null, successes: number) {
  if (cpuSeconds === null || successes <= 0) return null;
  return ((cpuSeconds - (harnessSeconds ?? 0)) * 1000) / successes;
}

/**
 * One line per cell: what the harness cost over the whole window, against the system's CPU, and what
 * /metrics scrapes (the sampler's reading before) would have cost in the same cell.
 */
export function harnessNote(harness: HarnessCost | undefined, whole: ResourceFigures): string | null {
  const used = whole.cpuSeconds;
  if (!harness || whole.harnessCpuSeconds === undefined || used === null || used <= 0) return null;
  const share = (seconds: number) => `${((seconds / used) * 100).toFixed(2)}%`;
  const range = (values: number[]) => {
    const low = Math.min(...values).toFixed(3);
    const high = Math.max(...values).toFixed(3);
    return low === high ? `${low} ms` : `${low}-${high} ms`;
  };
  const costs = harness.processes.flatMap((p) => (p.cpuMsPerScrape === null ? [] : [p.cpuMsPerScrape]));
  const readings = harness.processes.reduce((t, p) => t + p.scrapes, 0);
  let line =
    `harness cost: ${readings} readings at ${range(costs)} of CPU each; ${(whole.harnessCpuSeconds * 1000).toFixed(1)} ms in the window, ` +
    `${share(whole.harnessCpuSeconds)} of the system's CPU, subtracted from CPU ms/req`;
  if (whole.metricsScrapeCpuSeconds !== undefined) {
    const metrics = harness.processes.flatMap((p) =>
      p.metricsCpuMsPerScrape === null ? [] : [p.metricsCpuMsPerScrape],
    );
    line += `; /metrics scrapes (${range(metrics)} each) would have cost ${share(whole.metricsScrapeCpuSeconds)}`;
  }
  const wrapped = harness.processes.filter((p) => p.wrapped).map((p) => p.process);
  if (wrapped.length > 0) line += `; ${wrapped.join(', ')} read through the app's own pid (a wrapper runs it)`;
  return line;
}
