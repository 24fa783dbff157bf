import { connect } from 'node:net';
import type { WorkerEndpoint } from '@paybench/bench-load';

/** `host:port` (an IPv6 host in brackets: `[::1]:7001`); port 0 (any free port) only where one listens. */
export function parseWorkerAddress(
  address: string,
  options: { anyPort?: boolean } = {},
): { host: string; port: number } {
  const match = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(address.trim());
  const port = Number(match?.[3]);
  const lowest = options.anyPort ? 0 : 1;
  if (!match || !(port >= lowest && port < 65_536)) throw new Error(`not a worker address (host:port): ${address}`);
  return { host: (match[1] ?? match[2]) as string, port };
}

/** One TCP connection per remote worker (`paybench worker --listen`); closing it ends the worker's session. */
export function connectRemoteWorkers(addresses: readonly string[]): WorkerEndpoint[] {
  return addresses.map((address) => {
    const { host, port } = parseWorkerAddress(address);
    const socket = connect({ host, port });
    socket.setNoDelay(true);
    return { name: address, stream: socket, dispose: () => socket.destroy() };
  });
}
