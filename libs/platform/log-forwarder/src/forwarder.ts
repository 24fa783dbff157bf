import { createServer } from 'node:http';
import { closeServer, listenOn, listenOnPath } from '@paybench/platform-http';
import {
  configPatchSchema,
  forwarderConfigSchema,
  parseWith,
  type ConfigPatch,
  type ParseResult,
  type ForwarderConfig,
  type RuntimeConfig,
} from './config.js';
import { createControlApp } from './control-api.js';
import type { ForwarderStats } from './forwarder-stats.js';
import { Pipeline } from './pipeline.js';
import { Sink } from './sink.js';
import { TcpSource } from './tcp-source.js';

/**
 * The control API changes how the forwarder behaves; it listens on loopback only, whatever host
 * the data port uses.
 */
export const CONTROL_HOST = '127.0.0.1';

export interface Forwarder {
  /** Real ports (when the config asked for 0). */
  readonly dataPort: number;
  readonly controlPort: number;
  stats(): ForwarderStats;
  config(): ForwarderConfig;
  /** Applies a partial change at once and returns the new effective config. */
  setConfig(patch: ConfigPatch): ForwarderConfig;
  /** Stops accepting, closes every connection and the control API. */
  stop(): Promise<void>;
}

/** Throws with the offending field named when a value does not match its schema. */
function validated<T>(what: string, parse: ParseResult<T>): T {
  if (!parse.ok) throw new Error(`invalid ${what}: ${parse.message}`);
  return parse.value;
}

/**
 * Starts a forwarder in this process: a TCP source on `dataPort` (or a Unix socket on `dataSocket`), the buffer, the sink, and the
 * control API on `controlPort`. Rejects with a message naming the address if a port is taken.
 */
export async function startForwarder(input: ForwarderConfig): Promise<Forwarder> {
  const initial = validated('forwarder config', parseWith(forwarderConfigSchema, input));
  const startedAt = performance.now();
  let runtime: RuntimeConfig = { maxEvents: initial.maxEvents, whenFull: initial.whenFull, sink: initial.sink };

  const pipeline = new Pipeline(runtime.maxEvents, runtime.whenFull);
  const source = new TcpSource(pipeline);
  const sink = new Sink(pipeline, runtime.sink);
  pipeline.onQueued = () => sink.notify();
  pipeline.onRoom = () => source.release();

  let ports = { dataPort: initial.dataPort, controlPort: initial.controlPort };
  const config = (): ForwarderConfig => ({ ...initial, ...ports, ...runtime });

  const stats = (): ForwarderStats => ({
    config: config(),
    buffered: pipeline.buffer.size,
    series: sink.series,
    totals: { ...pipeline.totals },
    sources: pipeline.sources.snapshot(),
    pausedSockets: source.paused,
    connections: source.connections,
    uptimeMs: Math.round(performance.now() - startedAt),
  });

  const setConfig = (input: ConfigPatch): ForwarderConfig => {
    const patch = validated('config change', parseWith(configPatchSchema, input));
    runtime = {
      maxEvents: patch.maxEvents ?? runtime.maxEvents,
      whenFull: patch.whenFull ?? runtime.whenFull,
      sink: patch.sink ?? runtime.sink,
    };
    pipeline.buffer.capacity = runtime.maxEvents;
    pipeline.whenFull = runtime.whenFull;
    if (patch.sink) sink.setConfig(runtime.sink);
    // A larger buffer or `drop_newest` lets a blocked source read again.
    pipeline.releaseIfRoom();
    return config();
  };

  const control = createServer(createControlApp({ stats, setConfig }));
  try {
    const dataPort = initial.dataSocket
      ? await listenOnPath(source.server, initial.dataSocket, 'log lines').then(() => 0)
      : await listenOn(source.server, initial.host, initial.dataPort);
    const controlPort = await listenOn(control, CONTROL_HOST, initial.controlPort);
    ports = { dataPort, controlPort };
  } catch (error) {
    await Promise.all([source.close(), closeServer(control)]);
    sink.stop();
    throw error;
  }

  return {
    dataPort: ports.dataPort,
    controlPort: ports.controlPort,
    stats,
    config,
    setConfig,
    stop: async () => {
      sink.stop();
      control.closeAllConnections();
      await Promise.all([source.close(), closeServer(control)]);
    },
  };
}
