import { join } from 'node:path';
import type { RunningTopology } from '@paybench/platform-runtime';
import type { AppliedFault } from '@paybench/bench-results';
import type { FaultEvent } from '@paybench/bench-scenario';
import { CpuProfileSession } from './collect-cpu-profiles.js';
import type { CellContext } from './cell-context.js';
import { cpuProfileProblem } from './cell-problems.js';
import type { CellRecorder } from './cell-recorder.js';
import { applyModuleFaults } from './module-faults.js';
import { startSampler } from './sampler.js';

export interface MeasuredWindowWatch {
  /** Once the load is over: cancels what has not begun, stops the sampler and the profiler. */
  close(): Promise<void>;
}

/**
 * Everything that watches the measured window, each begun when the window opens (`measuredStart`,
 * epoch ms): the CPU profiler (when profiling), the sampler, the `measuring` stage; then each fault
 * of the timeline at its time, recorded as planned now and as applied when the forwarder and the links take it.
 */
export function watchMeasuredWindow(
  ctx: CellContext,
  running: RunningTopology,
  measuredStart: number,
  recorder: CellRecorder,
): MeasuredWindowWatch {
  const timers: NodeJS.Timeout[] = [];
  const at = (offsetMs: number, begin: () => void) => {
    timers.push(setTimeout(begin, Math.max(0, measuredStart + offsetMs - Date.now())));
  };
  recorder.windowOpened(measuredStart);
  const profiler = cpuProfileSession(ctx, running, measuredStart);
  let profilerStarted: Promise<void> | undefined;
  let sampler: ReturnType<typeof startSampler> | undefined;
  if (profiler) at(0, () => (profilerStarted = profiler.start()));
  at(0, () => recorder.sampledBy((sampler = startSampler(running, () => measuredStart))));
  // The link proxies run in this process: its CPU over the window bounds theirs (see LinkProxyCpu).
  const proxies = running.linkStats().length;
  let runnerCpuAtOpen: NodeJS.CpuUsage | undefined;
  if (proxies > 0) at(0, () => (runnerCpuAtOpen = process.cpuUsage()));
  at(0, () => ctx.onStage?.('measuring'));
  for (const fault of ctx.scenario.faults) {
    const record = recorder.plannedFault(fault);
    at(fault.at, () => {
      ctx.onStage?.(`phase ${fault.phase}`);
      applyFault(running, fault, record).then(
        () => (record.appliedAtMs = Date.now() - measuredStart),
        (error: unknown) => (record.error = (error as Error).message),
      );
    });
  }
  return {
    async close() {
      timers.forEach(clearTimeout);
      if (runnerCpuAtOpen) {
        const used = process.cpuUsage(runnerCpuAtOpen);
        const runnerCpuMs = (used.user + used.system) / 1000;
        recorder.linkProxyCpuMeasured({ runnerCpuMs, windowMs: Date.now() - measuredStart, proxies });
      }
      await sampler?.stop();
      if (sampler) recorder.harnessRead(sampler.readings());
      if (!profiler) return;
      await profilerStarted;
      const profiles = await profiler.stop();
      recorder.cpuProfilesTaken(profiles);
      for (const profile of profiles) recorder.problem(cpuProfileProblem(profile));
    },
  };
}

/**
 * Applies one event: link toxics at once (in this process), then the module faults (each on the process
 * hosting the module; a crash resolves once the process is killed, its restart runs on its own), then the
 * forwarder change if any.
 */
async function applyFault(running: RunningTopology, fault: FaultEvent, record: AppliedFault): Promise<void> {
  fault.links?.forEach((link, i) => {
    const applied = record.links?.[i];
    const as = running.setLinkToxics(link.from, link.to, link.toxics);
    if (applied) applied.appliedAs = as;
  });
  await Promise.all(
    (fault.modules ?? []).map(async (change, i) => {
      const applied = record.modules?.[i];
      const process = await applyModuleFaults(running, change);
      if (applied) applied.appliedTo = process;
    }),
  );
  if (fault.forwarder) await running.setLogOptions({ forwarder: fault.forwarder });
}

/** The profiler of the processes the cell profiles, if it profiles any (see collect-cpu-profiles.ts). */
function cpuProfileSession(
  ctx: CellContext,
  running: RunningTopology,
  measuredStart: number,
): CpuProfileSession | undefined {
  const cpu = ctx.profiling?.cpu;
  if (!cpu) return undefined;
  const targets = running.topology.processes
    .filter((p) => cpu.processes.includes(p.name))
    .map((p) => ({ process: p, file: join(cpu.dir, `${p.name}.cpuprofile`) }));
  return new CpuProfileSession(targets, {
    samplingIntervalUs: cpu.samplingIntervalUs,
    runDir: ctx.profiling?.runDir ?? ctx.logDir,
    measuredStartMs: () => measuredStart,
    internalHeaders: running.internalHeaders(),
    samplerCpus: ctx.pinning.load,
  });
}
