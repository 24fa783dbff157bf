import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runOpenLoop } from './open-loop.js';

/**
 * A server whose event loop is stuck (as a process blocked on a full stdout pipe is): the kernel
 * completes a handful of connections into its tiny backlog, then drops further SYNs, so new
 * connections hang in the client's connect. Timeouts must still end at the deadline.
 */
let child: ChildProcess;
let origin: string;

beforeAll(async () => {
  const source = `
    const server = require('node:net').createServer();
    server.listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => {
      process.stdout.write(String(server.address().port) + '\\n');
      setTimeout(() => { for (;;) {} }, 50);
    });`;
  child = spawn(process.execPath, ['-e', source], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [chunk] = (await once(child.stdout as NodeJS.ReadableStream, 'data')) as [Buffer];
  origin = `http://127.0.0.1:${chunk.toString().trim()}`;
  await new Promise((resolve) => setTimeout(resolve, 200));
});
afterAll(() => {
  child.kill('SIGKILL');
});

describe('open loop against a server that stopped accepting connections', () => {
  it('records every request as a timeout at its deadline, in its own second, and drops none', async () => {
    const result = await runOpenLoop({
      origin,
      ratePerSecond: 50,
      durationMs: 3_000,
      classes: [{ name: 'probe', weight: 1, next: () => ({ method: 'GET', path: '/' }) }],
      seed: 1,
      maxInFlight: 100,
      timeoutMs: 300,
      connections: 8,
    });
    const probe = result.classes['probe'];
    expect(probe?.errorsByKind.timeout).toBe(probe?.sent);
    expect(probe?.dropped).toBe(0);
    // Each timeout is recorded when it is given up on: the deadline plus scheduling slack, not
    // the seconds a pending connect would have taken to fail.
    expect(probe?.max).toBeLessThan(1_000_000);
    expect(probe?.p50).toBeGreaterThanOrEqual(299_000);
  });
});
