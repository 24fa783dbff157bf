import { ResiliencePreset } from '@paybench/platform-resilience';
import { z } from 'zod';
import type { ResolvedProcess, ResolvedTopology } from './resolve-topology.js';

/** The environment variable through which a supervisor hands a process its configuration. */
export const PROCESS_CONFIG_ENV = 'PAYBENCH_PROCESS_CONFIG';

/** Names the fd of a pipe from the supervisor: when it closes, the supervisor is gone. */
export const LIFELINE_FD_ENV = 'PAYBENCH_LIFELINE_FD';

/** Everything one process needs to know to start: what it hosts, where it listens, its peers. */
/** How a process writes its log lines (libs/platform/logging's modes; `off` writes none). */
export const LOGGER_MODES = ['sync', 'async', 'async-bounded', 'off'] as const;

export const ProcessConfig = z.object({
  topology: z.string(),
  process: z.string(),
  modules: z.array(z.string()).min(1),
  host: z.string(),
  port: z.number().int().min(0).max(65535),
  /** Address of the internal listener: loopback unless the deployment says otherwise. */
  internalHost: z.string(),
  internalPort: z.number().int().min(0).max(65535),
  /**
   * The deployment's shared secret: the internal listener answers only calls that carry it, and
   * this process sends it on every call to a peer. Made afresh by the supervisor at every start.
   */
  internalSecret: z.string().min(32),
  /**
   * Random, per spawned process: both `/healthz` answers echo it, so the supervisor knows the
   * process answering a port is the one it started, not another run's.
   */
  nonce: z.string().min(16),
  databaseFile: z.string(),
  isEntry: z.boolean(),
  /**
   * Internal URL of every module of the topology, as this process reaches it: the topology's URL, or a
   * fault proxy's where the supervisor put one on a link from this process (see `moduleUrlOverrides`).
   */
  moduleUrls: z.record(z.string(), z.string()),
  settings: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
  logger: z
    .object({
      mode: z.enum(LOGGER_MODES).default('async'),
      /** Buffer bound of `async-bounded`, in bytes. */
      maxBufferBytes: z
        .number()
        .int()
        .positive()
        .default(1024 * 1024),
      level: z.string().default('info'),
    })
    .default({ mode: 'async', maxBufferBytes: 1024 * 1024, level: 'info' }),
  /** Per-call deadline for calls to other processes. */
  callTimeoutMs: z.number().int().positive().default(10_000),
  /**
   * The name its log lines carry (`proc`): the process's name, or `<name>#<n>` for the n-th life of a
   * process the supervisor restarted after a deliberate kill, so the log accounting keeps each life's
   * sequence numbers apart (a fresh logger counts from 1 again).
   */
  logSource: z.string().min(1).optional(),
  /**
   * The resilience policies around this process's calls to other modules (a preset, see
   * libs/platform/resilience). Absent: none, one attempt per call under the request's deadline.
   */
  resilience: ResiliencePreset.optional(),
});
export type ProcessConfig = z.infer<typeof ProcessConfig>;
/** What a supervisor may pass: defaults may be left out. */
export type ProcessConfigInput = z.input<typeof ProcessConfig>;

export function processConfigFor(
  topology: ResolvedTopology,
  process: ResolvedProcess,
  extra: Pick<ProcessConfig, 'settings' | 'internalSecret' | 'nonce'> &
    Partial<Pick<ProcessConfigInput, 'logger' | 'callTimeoutMs' | 'logSource' | 'resilience'>> & {
      /** Per process: where this one must reach some modules instead (a fault proxy on its link to them). */
      moduleUrlOverrides?: Readonly<Record<string, string>>;
    },
): ProcessConfig {
  const { moduleUrlOverrides, ...rest } = extra;
  return ProcessConfig.parse({
    topology: topology.name,
    process: process.name,
    modules: process.modules,
    host: process.host,
    port: process.port,
    internalHost: process.internalHost,
    internalPort: process.internalPort,
    databaseFile: process.databaseFile,
    isEntry: process.isEntry,
    moduleUrls: { ...topology.moduleUrls, ...moduleUrlOverrides },
    ...rest,
  });
}

/** Reads and validates the configuration a supervisor passed in the environment. */
export function readProcessConfig(env: NodeJS.ProcessEnv = process.env): ProcessConfig {
  const raw = env[PROCESS_CONFIG_ENV];
  if (!raw) {
    throw new Error(
      `${PROCESS_CONFIG_ENV} is not set: paybench processes are started by the runtime (npm start -- --topology <name>), not by hand`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new Error(`${PROCESS_CONFIG_ENV} is not valid JSON`);
  }
  const parsed = ProcessConfig.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`${PROCESS_CONFIG_ENV} is invalid: ${issues}`);
  }
  return parsed.data;
}
