import { createServer, type Server, type Socket } from 'node:net';
import { serveWorkerSession } from '@paybench/bench-load';
import { runOpenSlice } from './open-slice.js';

/**
 * `paybench worker`: serves the worker protocol to runners on a TCP address, one session at a time (two runners on
 * one worker would share its CPU and measure each other); a second one meanwhile is refused with a protocol error.
 * Every session must present `token` in its hello.
 */
export function listenForRunners(
  host: string,
  port: number,
  token: string,
  onEvent: (line: string) => void,
): Promise<Server> {
  let busy: Socket | null = null;
  const server = createServer((socket) => {
    const peer = `${socket.remoteAddress}:${socket.remotePort}`;
    // A peer that resets the connection is its own problem, never the worker's end.
    socket.on('error', () => undefined);
    if (busy !== null) {
      socket.end(`${JSON.stringify({ type: 'error', message: 'this worker is busy with another runner' })}\n`);
      return onEvent(`refused ${peer}: busy`);
    }
    busy = socket;
    socket.setNoDelay(true);
    onEvent(`session from ${peer}`);
    void serveWorkerSession(socket, {
      name: `${host}:${(server.address() as { port: number }).port}`,
      token,
      runSlice: runOpenSlice,
    }).then(() => {
      busy = null;
      onEvent(`session from ${peer} ended`);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}
