import { connect, createServer, type Server, type Socket } from 'node:net';
import { z } from 'zod';
import { ReleaseScheduler } from './release-scheduler.js';
import { Pump, type Direction, type PumpCounters, type PumpHost } from './pump.js';
import { compileToxics, type CompiledToxics, type ToxicInput } from './toxics.js';

export const FaultProxyOptions = z.strictObject({
  /** Address to listen on: loopback unless told otherwise. */
  listenHost: z.string().min(1).default('127.0.0.1'),
  /** 0 picks a free port (read it from `port`). */
  listenPort: z.number().int().min(0).max(65535).default(0),
  upstream: z.strictObject({ host: z.string().min(1), port: z.number().int().min(1).max(65535) }),
  /** Toxics from the start (default none). */
  toxics: z.array(z.unknown()).default([]),
  /**
   * Bound of each connection's queue per direction, in bytes: when it is full the proxy stops reading that side
   * (so at most this plus one socket read, 64 KiB, is held per connection and direction).
   */
  maxQueuedBytes: z
    .number()
    .int()
    .min(1)
    .default(1024 * 1024),
});
export type FaultProxyOptions = z.input<typeof FaultProxyOptions>;

export interface FaultProxyStats {
  connectionsOpened: number;
  connectionsActive: number;
  /** Bytes forwarded client -> upstream. */
  bytesUpstream: number;
  /** Bytes forwarded upstream -> client. */
  bytesDownstream: number;
  /** Bytes read and thrown away by a black hole. */
  bytesDiscarded: number;
  resetsInjected: number;
  /** Chunks that went through a latency or bandwidth toxic. */
  chunksDelayed: number;
  /** Bytes waiting in queues now, and the most any one queue (connection and direction) ever held. */
  queuedBytes: number;
  peakQueuedBytes: number;
  /** Connections to the upstream that failed (the client's connection is then reset). */
  upstreamErrors: number;
}

export interface FaultProxy {
  readonly host: string;
  readonly port: number;
  /** `http://host:port`: the base URL to give an HTTP client instead of the upstream's (the proxy is plain TCP). */
  readonly url: string;
  /** Replaces every toxic at once; open connections stay open and follow the new toxics from their next chunk. */
  setToxics(toxics: readonly ToxicInput[]): void;
  stats(): FaultProxyStats;
  /** Stops listening and destroys every connection and timer. */
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/**
 * A TCP proxy in front of one upstream that injects faults (toxics, as in toxiproxy) into the bytes it relays:
 * latency with jitter, a bandwidth cap, resets, a black hole. Resolves once listening.
 */
export async function startFaultProxy(input: FaultProxyOptions): Promise<FaultProxy> {
  const options = FaultProxyOptions.parse(input);
  let compiled = compileToxics(options.toxics, 0);
  const counters: PumpCounters & { connectionsOpened: number; resetsInjected: number; upstreamErrors: number } = {
    connectionsOpened: 0,
    resetsInjected: 0,
    upstreamErrors: 0,
    bytesUpstream: 0,
    bytesDownstream: 0,
    bytesDiscarded: 0,
    chunksDelayed: 0,
    peakQueuedBytes: 0,
  };
  const connections = new Set<Connection>();
  const shared: Shared = {
    counters,
    maxQueuedBytes: options.maxQueuedBytes,
    scheduler: new ReleaseScheduler(),
    toxics: () => compiled,
    connections,
  };
  const server = createServer({ pauseOnConnect: true, allowHalfOpen: true, noDelay: true }, (client) => {
    counters.connectionsOpened += 1;
    connections.add(new Connection(client, options.upstream, shared));
  });
  await listen(server, options.listenHost, options.listenPort);
  // Accept errors (EMFILE...) are retried by libuv; anything else must not crash the process hosting the proxy.
  server.on('error', () => undefined);
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('fault proxy: the server has no TCP address');
  const urlHost = address.address.includes(':') ? `[${address.address}]` : address.address;
  let generation = 0;
  let closing: Promise<void> | undefined;

  const close = (): Promise<void> => {
    closing ??= (async () => {
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      const open = [...connections];
      for (const connection of open) connection.destroy();
      shared.scheduler.close();
      await Promise.all([stopped, ...open.map((connection) => connection.closed)]);
    })();
    return closing;
  };
  return {
    host: address.address,
    port: address.port,
    url: `http://${urlHost}:${address.port}`,
    setToxics(toxics) {
      generation += 1;
      compiled = compileToxics(toxics, generation);
    },
    stats() {
      let queuedBytes = 0;
      for (const connection of connections) queuedBytes += connection.queuedBytes;
      return { ...counters, connectionsActive: connections.size, queuedBytes };
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}

interface Shared {
  readonly counters: PumpCounters & { resetsInjected: number; upstreamErrors: number };
  readonly maxQueuedBytes: number;
  readonly scheduler: ReleaseScheduler;
  toxics(): CompiledToxics;
  readonly connections: Set<Connection>;
}

/** One client connection and its connection to the upstream, with a pump each way. */
class Connection implements PumpHost {
  readonly #client: Socket;
  readonly #upstream: Socket;
  readonly #shared: Shared;
  #pumps: Pump[] = [];
  #closedSockets = 0;
  readonly #closed = Promise.withResolvers<void>();

  constructor(client: Socket, upstream: { host: string; port: number }, shared: Shared) {
    this.#client = client;
    this.#shared = shared;
    this.#upstream = connect({ host: upstream.host, port: upstream.port, allowHalfOpen: true, noDelay: true });
    this.#upstream.once('connect', () => {
      this.#pumps = [
        new Pump(client, this.#upstream, 'upstream', this),
        new Pump(this.#upstream, client, 'downstream', this),
      ];
      client.resume();
    });
    this.#upstream.on('error', () => {
      if (this.#upstream.connecting || this.#pumps.length === 0) {
        shared.counters.upstreamErrors += 1;
        if (!client.destroyed) client.resetAndDestroy();
      } else this.destroy();
    });
    // A peer's error (a reset, a write to a closed socket) ends the whole connection; a FIN is relayed by the pump.
    client.on('error', () => this.destroy());
    for (const socket of [client, this.#upstream]) socket.once('close', () => this.#onClose());
  }

  get counters(): PumpCounters {
    return this.#shared.counters;
  }

  get maxQueuedBytes(): number {
    return this.#shared.maxQueuedBytes;
  }

  get scheduler(): ReleaseScheduler {
    return this.#shared.scheduler;
  }

  /** Settles once both sockets are closed. */
  get closed(): Promise<void> {
    return this.#closed.promise;
  }

  get queuedBytes(): number {
    return this.#pumps.reduce((sum, pump) => sum + pump.queuedBytes, 0);
  }

  faults(direction: Direction) {
    return this.#shared.toxics()[direction];
  }

  injectReset(): void {
    if (this.#client.destroyed && this.#upstream.destroyed) return;
    this.#shared.counters.resetsInjected += 1;
    this.#stopPumps();
    for (const socket of [this.#client, this.#upstream]) if (!socket.destroyed) socket.resetAndDestroy();
  }

  destroy(): void {
    this.#stopPumps();
    this.#client.destroy();
    this.#upstream.destroy();
  }

  #stopPumps(): void {
    for (const pump of this.#pumps) pump.stop();
  }

  #onClose(): void {
    this.#closedSockets += 1;
    if (this.#closedSockets < 2) return;
    this.#stopPumps();
    this.#shared.connections.delete(this);
    this.#closed.resolve();
  }
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      const where = `${host.includes(':') ? `[${host}]` : host}:${port}`;
      const why =
        error.code === 'EADDRINUSE'
          ? `port ${port} is already in use`
          : error.code === 'EADDRNOTAVAIL'
            ? `${host} is not an address of this machine`
            : error.code === 'EACCES'
              ? `no permission to listen on port ${port}`
              : error.message;
      reject(new Error(`fault proxy: cannot listen on ${where}: ${why}`, { cause: error }));
    };
    server.once('error', onError);
    server.listen({ host, port }, () => {
      server.off('error', onError);
      resolve();
    });
  });
}
