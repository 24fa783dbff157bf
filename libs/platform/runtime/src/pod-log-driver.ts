import { resolve } from 'node:path';
import { z } from 'zod';
import { SupervisedProcess } from './supervised-process.js';

/** The environment variable through which a Pod tells its log driver what to run and where to ship its stdout. */
export const POD_LOG_DRIVER_ENV = 'PAYBENCH_POD_LOG_DRIVER';

export const PodLogDriverConfig = z.strictObject({
  /** The process's name: the `proc` of its lines, as under the local supervisor. */
  name: z.string().min(1),
  /** The app to run (`apps/<app>/dist/main.js`), with this environment (its own configuration included). */
  script: z.string().min(1),
  driver: z.strictObject({
    mode: z.enum(['blocking', 'non-blocking']),
    maxBufferBytes: z.int().positive().optional(),
  }),
  /** The node's log-forwarder (a Service name resolves in the Pod). */
  forwarder: z.strictObject({ host: z.string().min(1), port: z.int().min(1).max(65_535) }),
  /** Where the app's stderr is also kept (it is mirrored to this process's stderr, which the container runtime logs). */
  logDir: z.string().min(1).default('/tmp'),
  /** How long the app has to exit after SIGTERM before it is killed. */
  graceMs: z.int().positive().default(5_000),
});
export type PodLogDriverConfig = z.infer<typeof PodLogDriverConfig>;

/**
 * What the local supervisor does for one process, inside a container: run the app with its stdout on a real pipe
 * read by a log driver (`blocking` or `non-blocking`, as the scenario says) shipping to the node's log-forwarder, so
 * that the forwarder's backpressure reaches the app as it does locally. Stops the app on SIGTERM (a container's stop)
 * and resolves with the exit code the container should end with: the app's.
 */
export async function runPodLogDriver(env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const parsed = PodLogDriverConfig.safeParse(parseJson(env[POD_LOG_DRIVER_ENV]));
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    process.stderr.write(`log-driver: ${POD_LOG_DRIVER_ENV} is invalid: ${issues}\n`);
    return 64;
  }
  const config = parsed.data;
  const app = new SupervisedProcess({
    name: config.name,
    script: resolve(config.script),
    // The app gets the Pod's environment, its own configuration (PAYBENCH_PROCESS_CONFIG) included.
    env: Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined)),
    logDir: config.logDir,
    stdout: { kind: 'driver', mode: config.driver.mode, forwarder: config.forwarder, ...maxBuffer(config) },
    cpuList: null,
  });
  app.child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  const stop = () => void app.stop(config.graceMs);
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  const exit = await app.exited;
  process.off('SIGTERM', stop);
  process.off('SIGINT', stop);
  // Ships what the driver still holds, then closes the pipe and the connection.
  await app.stop(config.graceMs);
  return exit.code ?? 1;
}

function maxBuffer(config: PodLogDriverConfig): { maxBufferBytes?: number } {
  return config.driver.maxBufferBytes === undefined ? {} : { maxBufferBytes: config.driver.maxBufferBytes };
}

function parseJson(raw: string | undefined): unknown {
  if (raw === undefined) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}
