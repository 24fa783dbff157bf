import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkReachable, connectTarget, readTarget } from './external-target.js';

const valid = (processUrl: string) => `version: 1
description: a test target
topology: monolith
entryUrl: ${processUrl}
internal: { header: x-paybench-internal, credential: { from: file, path: t.secrets.yaml, key: internal } }
tokenSecret: { from: file, path: t.secrets.yaml, key: auth }
processes:
  - { name: monolith, modules: [checkout, orders], metricsUrl: "${processUrl}/metrics" }
faults: []
`;

function targetDir(text: string, secrets = 'internal: s3cret\nauth: t0ken\n'): string {
  const dir = mkdtempSync(join(tmpdir(), 'paybench-target-'));
  writeFileSync(join(dir, 't.yaml'), text);
  writeFileSync(join(dir, 't.secrets.yaml'), secrets);
  return join(dir, 't.yaml');
}

describe('reading a targets file', () => {
  it('resolves credentials from the secrets file beside it, into headers and the token secret', () => {
    const target = readTarget(targetDir(valid('http://127.0.0.1:1')));
    expect(target.internalHeaders).toEqual({ 'x-paybench-internal': 's3cret' });
    expect(target.authSecret).toBe('t0ken');
  });

  it('names the file and the field of a malformed file, and the file of a credential it cannot find', () => {
    const bad = targetDir(valid('http://127.0.0.1:1').replace('topology: monolith\n', 'topology: 7\n'));
    expect(() => readTarget(bad)).toThrow(new RegExp(`invalid targets file ${bad}:\\n  topology: `));
    const noKey = targetDir(valid('http://127.0.0.1:1'), 'internal: s3cret\n');
    expect(() => readTarget(noKey)).toThrow(/tokenSecret: .*t\.secrets\.yaml has no key auth/);
  });

  it('takes a link fault inside one process of the target as in-process, as locally, and nothing else', () => {
    const running = connectTarget(readTarget(targetDir(valid('http://127.0.0.1:1'))), [
      { from: 'checkout', to: 'orders' },
    ]);
    expect(running.setLinkToxics('checkout', 'orders', [])).toBe('in-process');
    expect(running.linkNotes()).toEqual([
      'link checkout->orders is in-process in monolith: no network fault applied (it does not apply in-process)',
    ]);
    expect(() => running.crashModule('orders')).toThrow(/needs the supervisor of the target/);
    expect(running.processes.size).toBe(0);
  });

  it('names the URL that does not answer', async () => {
    // A port that was just free: nothing listens on it.
    const server = createServer((_req, res) => res.end('{}'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise((resolve) => server.close(resolve));
    const target = readTarget(targetDir(valid(`http://127.0.0.1:${port}`)));
    await expect(checkReachable(target)).rejects.toThrow(`http://127.0.0.1:${port}/readyz is unreachable`);
  });
});
