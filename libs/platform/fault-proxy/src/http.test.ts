import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import { afterEach, expect, it } from 'vitest';
import { startFaultProxy, type FaultProxy } from './fault-proxy.js';

// HTTP/1.1 with keep-alive through the proxy, as the runtime's module calls (undici Pool) would go.

let server: Server;
let proxy: FaultProxy;
let pool: Pool;

afterEach(async () => {
  await pool.close();
  await proxy.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function post(body: string, headersTimeout = 10_000): Promise<{ status: number; text: string; ms: number }> {
  const started = performance.now();
  const response = await pool.request({ method: 'POST', path: '/echo', body, headersTimeout });
  const text = await response.body.text();
  return { status: response.statusCode, text, ms: performance.now() - started };
}

it('carries keep-alive HTTP through every toxic and back', async () => {
  server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => res.end(`echo:${body}`));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  proxy = await startFaultProxy({ upstream: { host: '127.0.0.1', port: (server.address() as AddressInfo).port } });
  pool = new Pool(proxy.url, { connections: 1, pipelining: 1 });

  for (let i = 0; i < 20; i++) expect(await post(`n${i}`)).toMatchObject({ status: 200, text: `echo:n${i}` });
  expect(proxy.stats().connectionsOpened).toBe(1); // one connection, kept alive through the proxy

  proxy.setToxics([{ type: 'latency', ms: 25 }]);
  const slow = await post('slow');
  expect(slow).toMatchObject({ status: 200, text: 'echo:slow' });
  expect(slow.ms).toBeGreaterThanOrEqual(50);
  expect(proxy.stats().connectionsOpened).toBe(1);

  proxy.setToxics([{ type: 'resetPeer', probability: 1, direction: 'upstream' }]);
  const reset = await post('reset').catch((error: unknown) => error);
  expect(reset).toBeInstanceOf(Error);
  const cause = (reset as Error & { cause?: { code?: string }; code?: string }).cause;
  expect([(reset as { code?: string }).code, cause?.code]).toContain('ECONNRESET');

  proxy.setToxics([{ type: 'blackHole' }]);
  const unanswered = await post('into the void', 500).catch((error: unknown) => error);
  expect((unanswered as { code?: string }).code).toBe('UND_ERR_HEADERS_TIMEOUT');

  proxy.setToxics([]);
  expect(await post('back')).toMatchObject({ status: 200, text: 'echo:back' });
  expect(proxy.stats()).toMatchObject({ resetsInjected: 1, connectionsOpened: 3 });
});
