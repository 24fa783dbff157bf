import { mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { ResolvedProcess } from '@paybench/platform-topology';
import { request } from 'undici';
import { writeFileAtomic } from '@paybench/bench-results';
import {
  emptyCategories,
  type ProcessCpuProfile,
  summarizeCpuProfile,
  type V8CpuProfile,
} from '@paybench/bench-profile';
import { pinSamplerThreads } from './pin-sampler-thread.js';

export const DEFAULT_SAMPLING_INTERVAL_US = 1000;
const START_TIMEOUT_MS = 5_000;
/** A profile of a busy minute is tens of MiB of JSON: give the process time to serialise it. */
const STOP_TIMEOUT_MS = 30_000;

export interface CpuProfileTarget {
  readonly process: ResolvedProcess;
  /** Where the raw `.cpuprofile` goes. */
  readonly file: string;
}

export interface CpuProfileSessionOptions {
  readonly samplingIntervalUs: number;
  readonly runDir: string;
  readonly measuredStartMs: () => number;
  /** The deployment's credential for the internal listeners (RunningTopology.internalHeaders()). */
  readonly internalHeaders: Readonly<Record<string, string>>;
  /** Where each profiled process's V8 sampler thread is moved (the load generator's cores); null: left beside it. */
  readonly samplerCpus: string | null;
}

/**
 * CPU profiles of some processes of a running topology over a stretch of time, through each
 * process's loopback-only profiler endpoint on its internal listener (see mountCpuProfiler in
 * libs/platform/host: the inspector, so that only the measured window is profiled). `start` is
 * called when the measured window opens, `stop` when the load has ended: it writes each raw
 * profile and returns the summaries, with an error in place of a profile that could not be taken.
 */
export class CpuProfileSession {
  private readonly started = new Map<string, { atMs: number; samplerCpus: string | null } | { error: string }>();
  private readonly targets: readonly CpuProfileTarget[];
  private readonly options: CpuProfileSessionOptions;

  constructor(targets: readonly CpuProfileTarget[], options: CpuProfileSessionOptions) {
    this.targets = targets;
    this.options = options;
  }

  async start(): Promise<void> {
    await Promise.all(
      this.targets.map(async ({ process: p }) => {
        try {
          const reply = await request(`${p.internalUrl}/profile/cpu/start`, {
            method: 'POST',
            headers: { ...this.options.internalHeaders, 'content-type': 'application/json' },
            body: JSON.stringify({ samplingIntervalUs: this.options.samplingIntervalUs }),
            signal: AbortSignal.timeout(START_TIMEOUT_MS),
          });
          const body = await reply.body.text();
          if (reply.statusCode !== 200) {
            this.started.set(p.name, {
              error: `the profiler did not start: HTTP ${reply.statusCode} ${body.slice(0, 200)}`,
            });
            return;
          }
          this.started.set(p.name, { atMs: Date.now(), samplerCpus: await this.moveSampler(JSON.parse(body).pid) });
        } catch (error) {
          this.started.set(p.name, { error: `the profiler did not start: ${describe(error)}` });
        }
      }),
    );
  }

  /** The sampler's new CPU list, or null where it stays beside the process (unpinned run, or moving it failed). */
  private async moveSampler(pid: unknown): Promise<string | null> {
    const cpus = this.options.samplerCpus;
    if (cpus === null || typeof pid !== 'number') return null;
    try {
      await pinSamplerThreads(pid, cpus);
      return cpus;
    } catch {
      return null;
    }
  }

  async stop(): Promise<ProcessCpuProfile[]> {
    return Promise.all(this.targets.map((target) => this.stopOne(target)));
  }

  private async stopOne({ process: p, file }: CpuProfileTarget): Promise<ProcessCpuProfile> {
    const started = this.started.get(p.name) ?? {
      error: 'the profiler was never started (the measured window did not begin)',
    };
    const base = { process: p.name, modules: [...p.modules], samplingIntervalUs: this.options.samplingIntervalUs };
    if ('error' in started) return failed(base, started.error);
    const fromMs = started.atMs - this.options.measuredStartMs();
    try {
      const reply = await request(`${p.internalUrl}/profile/cpu/stop`, {
        method: 'POST',
        headers: this.options.internalHeaders,
        signal: AbortSignal.timeout(STOP_TIMEOUT_MS),
      });
      const text = await reply.body.text();
      const toMs = Date.now() - this.options.measuredStartMs();
      if (reply.statusCode !== 200)
        return failed(base, `the profiler did not stop: HTTP ${reply.statusCode} ${text.slice(0, 200)}`);
      const { profile, cpu } = JSON.parse(text) as {
        profile: V8CpuProfile;
        cpu?: { mainThreadUs?: number; processUs?: number };
      };
      mkdirSync(join(file, '..'), { recursive: true });
      writeFileAtomic(file, JSON.stringify(profile));
      const figures = summarizeCpuProfile(profile, {
        cpuUs: cpu?.mainThreadUs ?? null,
        samplingIntervalUs: this.options.samplingIntervalUs,
      });
      return {
        ...base,
        file: relative(this.options.runDir, file),
        fromMs,
        toMs,
        ...figures,
        processCpuUs: cpu?.processUs ?? null,
        samplerCpus: started.samplerCpus,
        error: null,
      };
    } catch (error) {
      return failed(base, `no profile from ${p.name} (stalled or gone?): ${describe(error)}`);
    }
  }
}

function failed(
  base: Pick<ProcessCpuProfile, 'process' | 'modules' | 'samplingIntervalUs'>,
  error: string,
): ProcessCpuProfile {
  return {
    ...base,
    file: null,
    fromMs: null,
    toMs: null,
    samples: 0,
    busySamples: 0,
    durationUs: 0,
    busyUs: 0,
    busySource: 'samples',
    idleUs: 0,
    processCpuUs: null,
    categories: emptyCategories(),
    top: [],
    error,
  };
}

function describe(error: unknown): string {
  return (error as { code?: string }).code ?? (error as Error).message;
}
