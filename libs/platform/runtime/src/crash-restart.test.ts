// A crash of a real process and its restart on the same port (issue 13's `crash` fault): what the
// supervisor does for crashModule, at the level of one SupervisedProcess. The whole path, topology and
// deliberate-exit bookkeeping included, runs in apps/system-e2e/test/module-faults.test.ts.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { SupervisedProcess, waitForHttp } from './index.js';

const dir = mkdtempSync(join(tmpdir(), 'paybench-crash-'));
const server = join(dir, 'server.mjs');
// Answers its nonce; ignores SIGTERM, so only a SIGKILL ends it early.
writeFileSync(
  server,
  `import { createServer } from 'node:http';
process.on('SIGTERM', () => {});
const nonce = process.env.NONCE;
createServer((_req, res) => res.end(JSON.stringify({ nonce }))).listen(Number(process.env.PORT), '127.0.0.1', () =>
  console.error('listening as ' + nonce));
`,
);

/** A port nothing listens on right now. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

const started: SupervisedProcess[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((p) => p.stop(100)));
});

const answers = async (url: string): Promise<boolean> =>
  request(url, { signal: AbortSignal.timeout(1_000) }).then(
    async (r) => (await r.body.dump(), true),
    () => false,
  );

describe('a crash and a restart', () => {
  it('kills with SIGKILL at once (no handler runs), frees the port, and a new life answers on it', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/`;
    const life = (nonce: string, appendLogs: boolean) => {
      const p = new SupervisedProcess({
        name: 'server',
        script: server,
        env: { PORT: String(port), NONCE: nonce },
        logDir: dir,
        stdout: { kind: 'file' },
        appendLogs,
      });
      started.push(p);
      return p;
    };
    const first = life('first-life-nonce', false);
    await waitForHttp(url, { timeoutMs: 20_000, process: first, nonce: 'first-life-nonce' });
    expect(await first.kill()).toEqual({ code: null, signal: 'SIGKILL' });
    expect(await answers(url)).toBe(false);
    await first.stop(0);

    const second = life('second-life-nonce', true);
    await waitForHttp(url, { timeoutMs: 20_000, process: second, nonce: 'second-life-nonce' });
    expect(await answers(url)).toBe(true);
    // One stderr log for the process, each life appended to it.
    const stderr = readFileSync(join(dir, 'server.stderr.log'), 'utf8');
    expect(stderr).toMatch(/listening as first-life-nonce\n[\s\S]*listening as second-life-nonce/);
  });
});
