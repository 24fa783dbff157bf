// Real sockets for the proxy's tests: small TCP servers on loopback, and a client that collects what it reads.
import { once } from 'node:events';
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';

export interface TestServer {
  readonly port: number;
  readonly sockets: Set<Socket>;
  close(): Promise<void>;
}

/** A TCP server on 127.0.0.1 calling `onSocket` for each connection; close() destroys them all. */
export async function startServer(onSocket: (socket: Socket) => void): Promise<TestServer> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.once('close', () => sockets.delete(socket));
    onSocket(socket);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    port: (server.address() as AddressInfo).port,
    sockets,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Echoes every byte back (with the stream's backpressure). */
export function startEchoServer(): Promise<TestServer> {
  return startServer((socket) => socket.pipe(socket));
}

/** A client connection that records what it reads, how it ended, and its error. */
export class Client {
  readonly socket: Socket;
  readonly chunks: Buffer[] = [];
  received = 0;
  error: NodeJS.ErrnoException | undefined;
  closed = false;
  readonly #waiters: { bytes: number; resolve: () => void }[] = [];

  constructor(port: number) {
    this.socket = connect({ host: '127.0.0.1', port, noDelay: true });
    this.socket.on('data', (chunk: Buffer) => {
      this.chunks.push(chunk);
      this.received += chunk.length;
      for (const waiter of [...this.#waiters]) {
        if (this.received >= waiter.bytes) {
          this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
          waiter.resolve();
        }
      }
    });
    this.socket.on('error', (error: NodeJS.ErrnoException) => (this.error = error));
    this.socket.on('close', () => (this.closed = true));
  }

  async connected(): Promise<this> {
    if (this.socket.connecting) await once(this.socket, 'connect');
    return this;
  }

  /** Resolves once `bytes` bytes in all have been read; rejects after `timeoutMs`. */
  receivedAtLeast(bytes: number, timeoutMs = 10_000): Promise<void> {
    if (this.received >= bytes) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`read ${this.received} of ${bytes} bytes in ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.#waiters.push({
        bytes,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }

  data(): Buffer {
    return Buffer.concat(this.chunks);
  }

  /** Resolves once the socket is closed (reset or ended). */
  async whenClosed(): Promise<void> {
    // Not events.once: it rejects on 'error', and a reset is what some tests wait for.
    if (!this.closed) await new Promise((resolve) => this.socket.once('close', resolve));
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `condition` every 10 ms until true; rejects with `what` after `timeoutMs`. */
export async function waitUntil(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await sleep(10);
  }
}

/** Handles that keep a process alive (sockets, servers, timers), by kind, for leak checks. */
export function openHandles(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) {
    if (/TCP|Timeout|Immediate/.test(kind)) counts[kind] = (counts[kind] ?? 0) + 1;
  }
  return counts;
}

/** True when there are no more handles of any kind than in `baseline`. */
export function noMoreHandlesThan(baseline: Record<string, number>): boolean {
  return Object.entries(openHandles()).every(([kind, count]) => count <= (baseline[kind] ?? 0));
}
