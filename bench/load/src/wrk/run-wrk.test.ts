import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEY_PLACEHOLDER, luaString, parseWrkOutput, runWrk, wrkScript, wrkVersion, WRK_PACKAGE } from './index.js';

const version = wrkVersion();
// In CI wrk is installed (.ci/run): its absence there is a failure, not a skip.
if (!version && process.env['CI'] === 'true') {
  throw new Error(`wrk is missing on CI: install Debian's ${WRK_PACKAGE} package (apt-get install -y ${WRK_PACKAGE})`);
}
if (!version)
  console.warn(`run-wrk.test.ts: wrk not installed, skipping the wrk run (apt-get install -y ${WRK_PACKAGE})`);

describe('the Lua script', () => {
  it('writes any text as a Lua literal that evaluates nothing', () => {
    expect(luaString('a"b\\c\n]]é')).toBe('"a\\"b\\\\c\\010]]\\195\\169"');
  });

  it("reads the done line's figures", () => {
    const out =
      'Running 1s test\nPAYBENCH_WRK {"requests":12,"durationUs":1000000,"connect":0,"read":1,"write":0,"status":2,"timeout":3,"p50Us":900,"p99Us":4000}\n';
    expect(parseWrkOutput(out)).toEqual({
      requests: 12,
      durationUs: 1_000_000,
      errors: { connect: 0, read: 1, write: 0, status: 2, timeout: 3 },
      p50Us: 900,
      p99Us: 4000,
    });
    expect(parseWrkOutput('no line')).toBeNull();
  });
});

describe.skipIf(!version)('wrk with a generated body list, against a real local server', () => {
  const received: { method: string; url: string; type: string; body: string }[] = [];
  let server: Server;
  let origin: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        received.push({ method: req.method ?? '', url: req.url ?? '', type: req.headers['content-type'] ?? '', body });
        res.writeHead(201, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends those bodies, in turn, each with a key of its own', async () => {
    const bodies = ['{"n":1,"q":"a\\"b","key":"K"}', '{"n":2,"key":"K"}', '{"n":3,"é":"ü","key":"K"}'].map((b) =>
      b.replace('K', KEY_PLACEHOLDER),
    );
    const script = wrkScript({
      method: 'POST',
      path: '/v1/checkout',
      headers: { 'content-type': 'application/json' },
      bodies,
      keyPrefix: 'cross-',
    });
    const figures = await runWrk({
      origin,
      script,
      connections: 2,
      threads: 1,
      durationMs: 1000,
      timeoutMs: 2000,
      cpuList: null,
    });
    expect(figures.requests).toBeGreaterThan(10);
    expect(received.length).toBeGreaterThanOrEqual(figures.requests);
    const keys = new Set<string>();
    const seen = new Set<string>();
    for (const r of received) {
      expect([r.method, r.url, r.type]).toEqual(['POST', '/v1/checkout', 'application/json']);
      const parsed = JSON.parse(r.body) as { n: number; key: string };
      expect(parsed.key).toMatch(/^cross-\d+-\d+$/);
      keys.add(parsed.key);
      seen.add(r.body.replace(parsed.key, KEY_PLACEHOLDER));
    }
    // Exactly the list's bodies, every one of them, and no key twice (no idempotent replay).
    expect([...seen].sort()).toEqual([...bodies].sort());
    expect(keys.size).toBe(received.length);
  });
});
