import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { POD_LOG_DRIVER_ENV, runPodLogDriver } from './index.js';

const dir = mkdtempSync(join(tmpdir(), 'paybench-pod-driver-'));

/** A stand-in forwarder: a TCP server keeping every NDJSON line it receives. */
async function lineCollector(): Promise<{ port: number; lines: () => string[]; close: () => void }> {
  let text = '';
  const server = createServer((socket) => socket.on('data', (chunk) => (text += chunk.toString())));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    lines: () => text.split('\n').filter(Boolean),
    close: () => server.close(),
  };
}

describe('the log driver of a Pod', () => {
  it("ships the app's stdout to the forwarder and ends with the app's exit code", async () => {
    const app = join(dir, 'app.mjs');
    writeFileSync(
      app,
      "for (let seq = 1; seq <= 200; seq++) console.log(JSON.stringify({ proc: 'p', seq, msg: process.env.GREETING }));" +
        'process.exitCode = 3;',
    );
    const forwarder = await lineCollector();
    try {
      const config = {
        name: 'p',
        script: app,
        driver: { mode: 'blocking' },
        forwarder: { host: '127.0.0.1', port: forwarder.port },
        logDir: dir,
      };
      const env = { ...process.env, GREETING: 'hello', [POD_LOG_DRIVER_ENV]: JSON.stringify(config) };
      expect(await runPodLogDriver(env)).toBe(3);
      const lines = forwarder.lines().map((line) => JSON.parse(line) as { seq: number; msg: string });
      expect(lines).toHaveLength(200);
      expect(lines.at(-1)).toMatchObject({ seq: 200, msg: 'hello' });
    } finally {
      forwarder.close();
    }
  });

  it('refuses a configuration it cannot use, naming the field', async () => {
    const env = { [POD_LOG_DRIVER_ENV]: JSON.stringify({ name: 'p', script: 'x.js', driver: { mode: 'lossy' } }) };
    expect(await runPodLogDriver(env)).toBe(64);
  });
});
