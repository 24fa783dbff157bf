import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupervisedProcess } from './supervised-process.js';
import { waitForHttp } from './wait-for-http.js';

// A process that is still starting: it has not exited and has nothing on stderr yet.
const starting = { name: 'checkout', hasExited: undefined, stderr: () => '' } as unknown as SupervisedProcess;

let server: Server;
let port: number;
let answer: unknown = { status: 'ok', process: 'checkout' };

beforeAll(async () => {
  server = createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(answer));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const wait = (nonce: string) =>
  waitForHttp(`http://127.0.0.1:${port}/healthz`, { timeoutMs: 5_000, process: starting, nonce });

describe('waitForHttp with a nonce', () => {
  it('accepts the process that echoes the nonce it was started with', async () => {
    answer = { status: 'ok', process: 'checkout', nonce: 'n-1' };
    await expect(wait('n-1')).resolves.toBeUndefined();
  });

  it.each([
    ['answers without a nonce (another program on the port)', { status: 'ok', process: 'checkout' }],
    ["echoes another process's nonce (another paybench run)", { status: 'ok', process: 'checkout', nonce: 'n-2' }],
    ['answers something that is not JSON', 'ok'],
  ])('fails, naming the port, when the port %s', async (_label, body) => {
    answer = body;
    await expect(wait('n-1')).rejects.toThrow(
      `port ${port} answers as another process (nonce mismatch): another paybench run holds it?`,
    );
  });
});
