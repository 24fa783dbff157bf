import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo, ListenOptions, Server as NetServer } from 'node:net';
import type { Express } from 'express';

/**
 * Binds any server, TCP or HTTP, on host:port and resolves with the real port (0 asks for a free
 * one). A port in use, or an address that cannot be bound, rejects with an error naming the
 * address (and what it was for, when given) instead of an unhandled 'error' event.
 */
export async function listenOn(server: NetServer, host: string, port: number, purpose?: string): Promise<number> {
  await bind(server, { host, port }, `${host}:${port}`, 'the port is already in use', purpose);
  return (server.address() as AddressInfo).port;
}

/**
 * Binds a stream server on a Unix socket path (a local hop whose kernel buffer is a fixed ~200 KB, where loopback TCP
 * autotunes to megabytes). A path in use rejects with an error naming it, as listenOn does.
 */
export function listenOnPath(server: NetServer, path: string, purpose?: string): Promise<void> {
  return bind(server, { path }, path, 'the path is already in use', purpose);
}

function bind(server: NetServer, options: ListenOptions, address: string, inUse: string, purpose?: string) {
  return new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      const reason = error.code === 'EADDRINUSE' ? inUse : error.message;
      const what = purpose ? ` for ${purpose}` : '';
      reject(new Error(`cannot listen on ${address}${what}: ${reason}`, { cause: error }));
    };
    server.once('error', onError);
    server.listen(options, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

/** Serves an Express app on host:port (see listenOn) and resolves with its server once bound. */
export async function listen(app: Express | RequestListener, host: string, port: number): Promise<Server> {
  const server = createServer(app);
  server.keepAliveTimeout = 65_000;
  await listenOn(server, host, port);
  return server;
}

/**
 * Stops accepting and resolves once the server is closed; at once if it never listened. An HTTP
 * server's close() also closes its idle keep-alive connections (Node 19 and later).
 */
export function closeServer(server: NetServer): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) resolve();
    else server.close(() => resolve());
  });
}
