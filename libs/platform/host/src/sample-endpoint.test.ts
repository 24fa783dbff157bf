import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { INTERNAL_AUTH_HEADER } from '@paybench/platform-http';
import { withSampleEndpoint } from './sample-endpoint.js';

const secret = 'x'.repeat(64);
let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

async function serve(): Promise<string> {
  const app = withSampleEndpoint((_req, res) => res.writeHead(418).end('the app'), {
    internalSecret: secret,
    loggerStats: () => ({ emitted: 7, dropped: 2 }) as never,
  });
  server = createServer(app);
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('the sample endpoint', () => {
  it("answers a caller holding the secret with the process's pid, CPU, RSS, event-loop delay and logger counts", async () => {
    const url = await serve();
    const reply = await fetch(`${url}/stats/sample`, { headers: { [INTERNAL_AUTH_HEADER]: secret } });
    expect(reply.status).toBe(200);
    const body = (await reply.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ pid: process.pid, logger: { emitted: 7, dropped: 2 } });
    expect(body['cpuUs']).toBeGreaterThan(0);
    expect(body['rssBytes']).toBeGreaterThan(0);
  });

  it('leaves every other request, and this one without the right secret, to the app (and its guard)', async () => {
    const url = await serve();
    for (const [path, headers] of [
      ['/stats/sample', {}],
      ['/stats/sample', { [INTERNAL_AUTH_HEADER]: 'y'.repeat(64) }],
      ['/metrics', { [INTERNAL_AUTH_HEADER]: secret }],
    ] as const) {
      const reply = await fetch(`${url}${path}`, { headers });
      expect(reply.status).toBe(418);
      await reply.text();
    }
  });
});
