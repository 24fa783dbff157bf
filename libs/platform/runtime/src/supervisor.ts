import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { internalAuthHeaders, newInternalSecret } from '@paybench/platform-http';
import type { ConfigPatch, SinkConfig } from '@paybench/platform-log-forwarder';
import {
  type InProcessModuleFaultInput,
  PROCESS_CONFIG_ENV,
  processConfigFor,
  type ProcessConfig,
  type ProcessConfigInput,
  type ResolvedProcess,
  type ResolvedTopology,
} from '@paybench/platform-topology';
import type { ToxicInput } from '@paybench/platform-fault-proxy';
import type { ResiliencePreset } from '@paybench/platform-resilience';
import { startForwarderProcess, type ForwarderProcess } from './forwarder-process.js';
import { startSyslogNgForwarder } from './syslog-ng/syslog-ng-forwarder.js';
import { startLinkProxies, type LinkProxies, type LinkProxyStats, type ModuleLink } from './link-proxies.js';
import {
  hostOfModule,
  putModuleFaults,
  type CrashHandle,
  type CrashRecord,
  type RestartOutcome,
} from './module-faults.js';
import { locateApp } from './locate-app.js';
import { readLogAccounting, type KilledLife, type LogAccounting } from './log-accounting.js';
import type { ForwarderAddress, LogDriverMode, LogDriverStats } from './log-driver/index.js';
import { SupervisedProcess, type ExitInfo, type ProcessWrapper, type StdoutSink } from './supervised-process.js';
import { waitForHttp } from './wait-for-http.js';

/** The log pipeline a topology runs with: the driver per process, and the forwarder they feed. */
export interface LogPipelineOptions {
  readonly driver: { readonly mode: LogDriverMode; readonly maxBufferBytes?: number };
  readonly forwarder: {
    /** The built-in forwarder (default), or Debian's syslog-ng in front of it (see syslog-ng/). */
    readonly kind?: 'builtin' | 'syslog-ng';
    readonly whenFull: 'block' | 'drop_newest';
    readonly maxEvents?: number;
    readonly sink?: SinkConfig;
  };
}

export interface StartOptions {
  readonly settings: ProcessConfig['settings'];
  readonly logger?: ProcessConfigInput['logger'];
  readonly callTimeoutMs?: number;
  /** The resilience policies every process wraps its calls to other modules in; absent: none (see ProcessConfig). */
  readonly resilience?: ResiliencePreset;
  /** Where process output goes (stderr always; stdout too when there is no log pipeline). */
  readonly logDir: string;
  /** Ship stdout through drivers to a log-forwarder (the default); `null` writes it to files. */
  readonly logPipeline?: LogPipelineOptions | null;
  /** CPU list (`taskset -c`) for every process of the topology and the forwarder. */
  readonly cpuList?: string | null;
  readonly readyTimeoutMs?: number;
  /** Processes to run under a wrapper command such as a profiler, by name (see ProcessWrapper); the others start as usual. */
  readonly wrappers?: Readonly<Record<string, ProcessWrapper>>;
  /**
   * Module links a scenario may fault (see link-proxies.ts): each that crosses processes gets a fault
   * proxy, started before any process, that only the caller process reaches the callee through.
   */
  readonly links?: readonly ModuleLink[];
  /** Called when a process exits while the topology is meant to be running (a deliberate kill is not such an exit). */
  readonly onUnexpectedExit?: (name: string, info: ExitInfo, stderr: string) => void;
  /** Called when a process restarted after a deliberate kill does not become ready (see crashModule). */
  readonly onRestartFailed?: (name: string, error: Error) => void;
}

export const DEFAULT_LOG_PIPELINE: LogPipelineOptions = {
  driver: { mode: 'blocking' },
  forwarder: { whenFull: 'block', maxEvents: 500, sink: { mode: 'normal' } },
};

export interface RunningTopology {
  readonly topology: ResolvedTopology;
  readonly processes: ReadonlyMap<string, SupervisedProcess>;
  readonly forwarder: ForwarderProcess | undefined;
  /** Changes the forwarder (sink cost, buffer policy) and/or every driver's mode while running. */
  setLogOptions(options: { forwarder?: ConfigPatch; driverMode?: LogDriverMode }): Promise<void>;
  driverStats(): Record<string, LogDriverStats>;
  /**
   * Sets the toxics of a module link named at start (`[]` lifts them); `in-process` when both modules
   * share a process here, so there is no network to fault. Throws for a link not named at start.
   */
  setLinkToxics(from: string, to: string, toxics: readonly ToxicInput[]): 'proxied' | 'in-process';
  /** What the cell should know about its links: those that are in-process here and take no fault. */
  linkNotes(): string[];
  /** Each link proxy's counters (connections, bytes, resets injected) so far. */
  linkStats(): LinkProxyStats[];
  /**
   * Sets a module's in-process faults (latency, errors, block, cpuHog; `[]` lifts them) on the process hosting
   * it and answers that process's name. A process down or restarting after a crash has nothing to lift (`[]` is
   * a no-op, `applied: false`); any other fault on it throws.
   */
  setModuleFaults(
    module: string,
    faults: readonly InProcessModuleFaultInput[],
  ): Promise<{ process: string; applied: boolean }>;
  /**
   * Kills the process hosting `module` with SIGKILL, as a crash would, and resolves once it is gone; with
   * `restartAfterMs` it is spawned again that long after, on the same ports and with the same configuration
   * (its callers' pools reconnect; link proxies stay in front of it). Not reported as an unexpected exit; a
   * restart that does not become ready goes to `onRestartFailed`. See crash-module.ts for tests.
   */
  crashModule(module: string, options?: { restartAfterMs?: number }): Promise<CrashHandle>;
  /** Every deliberate kill so far, in order, with its restart's times. */
  crashes(): readonly CrashRecord[];
  /** Every line of every process: delivered, dropped where, or still in flight (see log-accounting.ts). */
  logAccounting(): Promise<LogAccounting>;
  /**
   * What a call to a process's internal listener (`internalUrl`: metrics, logger stats, profiler)
   * must carry: this deployment's secret. Never write it to a result or a log.
   */
  internalHeaders(): Record<string, string>;
  /** Stops one process and starts it again with the same configuration. */
  restart(name: string, graceMs?: number): Promise<void>;
  /** Stops every process (SIGTERM, SIGKILL after the grace period) and reports how each ended. */
  stop(graceMs?: number): Promise<Record<string, ExitInfo & { killed: boolean }>>;
}

/**
 * Starts a topology the way a container runtime would: first the log-forwarder, then every
 * process with its stdout on a real pipe read by a log driver; waits until each answers its
 * liveness probes (public and internal) with the nonce it was started with, and the entry process
 * reports ready. If anything fails to start, everything started so far is stopped and the error
 * names the process and quotes its stderr, or names the port another process answers on.
 *
 * Every start makes a new secret for the internal listeners (passed to each process in its
 * config): a process of this deployment can call another's, nothing else can.
 */
export async function startTopology(topology: ResolvedTopology, options: StartOptions): Promise<RunningTopology> {
  mkdirSync(options.logDir, { recursive: true });
  const unknown = Object.keys(options.wrappers ?? {}).filter(
    (name) => !topology.processes.some((p) => p.name === name),
  );
  if (unknown.length > 0) {
    throw new Error(
      `no process ${unknown.map((n) => `"${n}"`).join(', ')} in topology ${topology.name} (its processes: ${topology.processes.map((p) => p.name).join(', ')})`,
    );
  }
  const pipeline = options.logPipeline === undefined ? DEFAULT_LOG_PIPELINE : options.logPipeline;
  const processes = new Map<string, SupervisedProcess>();
  const restarting = new Set<string>();
  /** One restart per process at a time: a second call joins the one under way (two would orphan a child). */
  const restartsUnderWay = new Map<string, Promise<void>>();
  let stopping = false;
  /** Processes killed on purpose (crashModule): their exit is not unexpected. */
  const deliberate = new WeakSet<SupervisedProcess>();
  /** Each process's lives so far (1 until a crash restarts it); the lives a crash ended, for the log accounting. */
  const lives = new Map<string, number>();
  const killedLives: KilledLife[] = [];
  const crashRecords: CrashRecord[] = [];
  /** Restarts scheduled by crashes and not yet due; cancelled by stop(). */
  const pendingRestarts = new Map<NodeJS.Timeout, (outcome: RestartOutcome) => void>();
  /** Until every process is ready, an exit is the start's failure (thrown, naming it), not an unexpected exit. */
  let started = false;
  let forwarder: ForwarderProcess | undefined;
  let links: LinkProxies | undefined;
  const internalSecret = newInternalSecret();
  const internalHeaders = internalAuthHeaders(internalSecret);
  const nonces = new WeakMap<SupervisedProcess, string>();

  const stdoutSink = (name: string): StdoutSink =>
    pipeline && forwarder
      ? { kind: 'driver', ...pipeline.driver, forwarder: forwarderAddress(forwarder, name) }
      : { kind: 'file' };

  const spawnOne = (resolved: ResolvedProcess): SupervisedProcess => {
    const nonce = randomBytes(16).toString('hex');
    const overrides = links?.overridesFor(resolved.name) ?? {};
    const life = lives.get(resolved.name) ?? 1;
    // A later life logs under its own source name: the forwarder's sequence numbers per source stay one life's.
    const logSource = life > 1 ? `${resolved.name}#${life}` : undefined;
    const identity = { internalSecret, nonce, moduleUrlOverrides: overrides, ...(logSource ? { logSource } : {}) };
    const supervised = spawnProcess(topology, resolved, options, stdoutSink(resolved.name), identity, life > 1);
    nonces.set(supervised, nonce);
    processes.set(resolved.name, supervised);
    void supervised.exited.then((info) => {
      if (started && !stopping && !restarting.has(resolved.name) && !deliberate.has(supervised))
        options.onUnexpectedExit?.(resolved.name, info, supervised.stderr());
    });
    return supervised;
  };

  const stop = async (graceMs = 5_000) => {
    stopping = true;
    for (const [timer, cancel] of pendingRestarts) {
      clearTimeout(timer);
      cancel('cancelled');
    }
    pendingRestarts.clear();
    // A restart may be about to spawn its fresh child: once it is done, every child is in `processes`.
    await Promise.allSettled(restartsUnderWay.values());
    const results = await Promise.all(
      [...processes.values()].map(async (p) => [p.name, await p.stop(graceMs)] as const),
    );
    await forwarder?.stop();
    // After the callers are gone: no connection through a proxy outlives it.
    await links?.close();
    return Object.fromEntries(results);
  };

  const timeoutMs = options.readyTimeoutMs ?? 30_000;
  /** Both listeners answer, and as the process we started: a port held by another run fails here, naming it. */
  const waitUntilLive = async (resolved: ResolvedProcess, supervised: SupervisedProcess) => {
    const nonce = nonces.get(supervised) as string;
    await waitForHttp(`${resolved.url}/healthz`, { timeoutMs, process: supervised, nonce });
    const internal = { timeoutMs, process: supervised, nonce, headers: internalHeaders };
    await waitForHttp(`${resolved.internalUrl}/healthz`, internal);
  };
  try {
    if (pipeline) {
      const settings = {
        maxEvents: pipeline.forwarder.maxEvents ?? 500,
        whenFull: pipeline.forwarder.whenFull,
        sink: pipeline.forwarder.sink ?? { mode: 'normal' },
      } as const;
      const where = { logDir: options.logDir, cpuList: options.cpuList ?? null };
      forwarder =
        pipeline.forwarder.kind === 'syslog-ng'
          ? await startSyslogNgForwarder(
              settings,
              topology.processes.map((p) => p.name),
              where,
            )
          : await startForwarderProcess(settings, where);
    }
    // Before any caller starts: its configuration names the proxy's URL.
    if (options.links?.length) links = await startLinkProxies(topology, options.links);
    for (const resolved of topology.processes) spawnOne(resolved);
    await Promise.all(topology.processes.map((p) => waitUntilLive(p, processes.get(p.name) as SupervisedProcess)));
    const entry = processes.get(topology.entry.name) as SupervisedProcess;
    const entryNonce = nonces.get(entry) as string;
    await waitForHttp(`${topology.entry.url}/readyz`, { timeoutMs, process: entry, nonce: entryNonce });
    const gone = [...processes.values()].find((p) => p.hasExited);
    if (gone) throw new Error(`process "${gone.name}" exited during start-up:\n${gone.stderr() || '(no stderr)'}`);
    started = true;
  } catch (error) {
    await stop(2_000);
    throw error;
  }

  /** Spawns a crashed process's next life and waits until it answers; a failure is reported, never thrown. */
  const restartAfterCrash = (resolved: ResolvedProcess, record: CrashRecord): Promise<RestartOutcome> => {
    if (stopping) return Promise.resolve('cancelled');
    const attempt = (async (): Promise<RestartOutcome> => {
      restarting.add(resolved.name);
      try {
        const fresh = spawnOne(resolved);
        record.restartedAt = Date.now();
        await waitUntilLive(resolved, fresh);
        record.readyAt = Date.now();
        return 'ready';
      } catch (error) {
        record.error = (error as Error).message;
        if (!stopping) options.onRestartFailed?.(resolved.name, error as Error);
        return 'failed';
      } finally {
        restarting.delete(resolved.name);
        restartsUnderWay.delete(resolved.name);
      }
    })();
    restartsUnderWay.set(
      resolved.name,
      attempt.then(() => undefined),
    );
    return attempt;
  };

  return {
    topology,
    processes,
    forwarder,
    stop,
    async setLogOptions(change) {
      if (change.forwarder) {
        if (!forwarder) throw new Error('this topology runs without a log pipeline');
        await forwarder.client.setConfig(change.forwarder);
      }
      if (change.driverMode) for (const p of processes.values()) p.driver?.setMode(change.driverMode);
    },
    driverStats() {
      const stats: Record<string, LogDriverStats> = {};
      for (const [name, p] of processes) if (p.driver) stats[name] = p.driver.stats();
      return stats;
    },
    setLinkToxics(from, to, toxics) {
      if (!links) throw new Error(`link ${from}->${to} was not named when topology ${topology.name} started`);
      return links.setToxics(from, to, toxics);
    },
    linkNotes() {
      return links?.notes() ?? [];
    },
    linkStats() {
      return links?.stats() ?? [];
    },
    async setModuleFaults(module, faults) {
      const host = hostOfModule(topology, module);
      const current = processes.get(host.name);
      // Down after a crash, or its next life not answering yet: it has no faults to lift (a new life starts clean).
      if (!current || current.hasExited || restartsUnderWay.has(host.name)) {
        if (faults.length === 0) return { process: host.name, applied: false };
        throw new Error(`cannot set faults on module ${module}: process ${host.name} is down or restarting`);
      }
      await putModuleFaults(host, module, faults, internalHeaders);
      return { process: host.name, applied: true };
    },
    async crashModule(module, crashOptions = {}) {
      const host = hostOfModule(topology, module);
      const current = processes.get(host.name) as SupervisedProcess;
      if (stopping) throw new Error(`cannot crash module ${module}: the topology is stopping`);
      // syslog-ng's counters are per process (one queue each, set up at start), across lives: the per-life
      // accounting a crash needs cannot be read from them.
      if (forwarder?.kind === 'syslog-ng')
        throw new Error(
          `cannot crash module ${module}: not supported with the syslog-ng forwarder (its counters span lives)`,
        );
      if (current.hasExited || restartsUnderWay.has(host.name))
        throw new Error(`cannot crash module ${module}: process ${host.name} is down or restarting`);
      deliberate.add(current);
      const record: CrashRecord = {
        process: host.name,
        module,
        killedAt: Date.now(),
        restartAfterMs: crashOptions.restartAfterMs ?? null,
        restartedAt: null,
        readyAt: null,
        error: null,
      };
      crashRecords.push(record);
      await current.kill();
      // Its driver forwards what the pipe still held, then closes; the files close.
      await current.stop(0);
      const life = lives.get(host.name) ?? 1;
      killedLives.push({
        process: host.name,
        life,
        source: life > 1 ? `${host.name}#${life}` : host.name,
        supervised: current,
      });
      lives.set(host.name, life + 1);
      if (crashOptions.restartAfterMs === undefined) return { record, restarted: null };
      const restarted = new Promise<RestartOutcome>((resolve) => {
        const timer = setTimeout(() => {
          pendingRestarts.delete(timer);
          resolve(restartAfterCrash(host, record));
        }, crashOptions.restartAfterMs);
        pendingRestarts.set(timer, resolve);
      });
      return { record, restarted };
    },
    crashes() {
      return crashRecords;
    },
    logAccounting() {
      return readLogAccounting(topology, processes, forwarder, internalHeaders, killedLives);
    },
    internalHeaders() {
      return { ...internalHeaders };
    },
    restart(name, graceMs = 5_000) {
      if (processes.get(name)?.hasExited && deliberate.has(processes.get(name) as SupervisedProcess))
        return Promise.reject(new Error(`cannot restart "${name}": it was crashed on purpose (see crashModule)`));
      const underWay = restartsUnderWay.get(name);
      if (underWay) return underWay;
      const current = processes.get(name);
      const resolved = topology.processes.find((p) => p.name === name);
      if (!current || !resolved) return Promise.reject(new Error(`no process "${name}" in topology ${topology.name}`));
      if (stopping) return Promise.reject(new Error(`cannot restart "${name}": the topology is stopping`));
      const restarted = (async () => {
        restarting.add(name);
        try {
          await current.stop(graceMs);
          // stop() began meanwhile: a child spawned now could escape it.
          if (stopping) throw new Error(`"${name}" was not restarted: the topology is stopping`);
          const fresh = spawnOne(resolved);
          await waitUntilLive(resolved, fresh);
        } finally {
          restarting.delete(name);
          restartsUnderWay.delete(name);
        }
      })();
      restartsUnderWay.set(name, restarted);
      return restarted;
    },
  };
}

/** Where a process's driver sends its lines, framed as its forwarder reads them. */
function forwarderAddress(forwarder: ForwarderProcess, name: string): ForwarderAddress {
  return {
    host: '127.0.0.1',
    port: forwarder.dataPort,
    ...(forwarder.framing === 'rfc5424' ? { syslogAppName: name } : {}),
  };
}

function spawnProcess(
  topology: ResolvedTopology,
  resolved: ResolvedProcess,
  options: StartOptions,
  stdout: StdoutSink,
  identity: { internalSecret: string; nonce: string; moduleUrlOverrides: Record<string, string>; logSource?: string },
  appendLogs = false,
): SupervisedProcess {
  const config = processConfigFor(topology, resolved, {
    settings: options.settings,
    ...identity,
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.callTimeoutMs ? { callTimeoutMs: options.callTimeoutMs } : {}),
    ...(options.resilience ? { resilience: options.resilience } : {}),
  });
  const wrapper = options.wrappers?.[resolved.name];
  return new SupervisedProcess({
    name: resolved.name,
    script: locateApp(resolved.app),
    env: { [PROCESS_CONFIG_ENV]: JSON.stringify(config) },
    logDir: options.logDir,
    stdout,
    cpuList: options.cpuList ?? null,
    appendLogs,
    ...(wrapper ? { wrapper } : {}),
  });
}
