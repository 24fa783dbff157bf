import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo, Server as NetServer } from 'node:net';
import type { Express } from 'express';

/**
 * Binds any server, TCP or HTTP, on host:port and resolves with the real port (0 asks for a free
 * one). A port in use, or an address that cannot be bound, rejects with an error naming the
 * address (and what it was for, when given) instead of an unhandled 'error' event.
 */
export function listenOn(server: NetServer, host: string, port: number, purpose?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      const reason = error.code === 'EADDRINUSE' ? 'the port is already in use' : error.message;
      const what = purpose ? ` for ${purpose}` : '';
      reject(new Error(`cannot listen on ${host}:${port}${what}: ${reason}`, { cause: error }));
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/**
 * Binds a stream server on a Unix socket path (a local hop whose kernel buffer is a fixed ~200 KB, where loopback TCP
 * autotunes to megabytes). A path in use rejects with an error naming it.
 */
export function listenOnPath(server: NetServer, path: string, purpose?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      const reason = error.code === 'EADDRINUSE' ? 'the path is already in use' : error.message;
      const what = purpose ? ` for ${purpose}` : '';
      reject(new Error(`cannot listen on ${path}${what}: ${reason}`, { cause: error }));
    };
    server.once('error', onError);
    server.listen(path, () => {
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
