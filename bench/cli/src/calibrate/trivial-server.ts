// The calibration target (a process of its own): the cheapest HTTP server Node runs, answering every
// request with the same small JSON body. It tells how fast a load generator can go on this machine, so
// nothing in it may cost more than node:http itself. Protocol (IPC): sends one `listening` with its port;
// exits when the parent disconnects (the parent died or is done with it).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TrivialServerMessage {
  type: 'listening';
  port: number;
}

const BODY = Buffer.from('{"ok":true}');
const HEADERS = { 'content-type': 'application/json', 'content-length': String(BODY.length) };

const server = createServer((request, response) => {
  request.resume();
  response.writeHead(200, HEADERS).end(BODY);
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const message: TrivialServerMessage = { type: 'listening', port: (server.address() as AddressInfo).port };
  process.send?.(message);
});
process.on('disconnect', () => process.exit(0));
// The parent stops it (Ctrl-C reaches the whole foreground group; the parent decides, then disconnects).
process.on('SIGINT', () => undefined);
