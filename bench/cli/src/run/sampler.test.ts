import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RunningTopology } from '@paybench/platform-runtime';
import { afterEach, describe, expect, it } from 'vitest';
import { ASK_EVERY_SECONDS, startSampler } from './sampler.js';

/** A stand-in for a process's internal listener: answers `/stats/sample` with this test's own pid, and counts. */
async function sampleServer(): Promise<{ server: Server; url: string; asked: () => number }> {
  let asked = 0;
  const server = createServer((req, res) => {
    asked++;
    const body = JSON.stringify({ pid: process.pid, cpuUs: 1, rssBytes: 1, eventLoopP99Ms: 1, rpcServed: asked });
    res.writeHead(200, { 'content-type': 'application/json' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, asked: () => asked };
}

/** The little of a running topology the sampler reads: one process, supervised as this test's own pid. */
function runningAt(url: string, pid: { value: number }): RunningTopology {
  return {
    topology: { processes: [{ name: 'app', internalUrl: url }] },
    processes: new Map([
      [
        'app',
        {
          get pid() {
            return pid.value;
          },
        },
      ],
    ]),
    forwarder: undefined,
    internalHeaders: () => ({}),
    driverStats: () => ({}),
  } as unknown as RunningTopology;
}

describe('the sampler', () => {
  let server: Server | undefined;
  afterEach(() => server?.close());

  it(`reads /proc every second and asks the process every ${ASK_EVERY_SECONDS} s, at the last tick, and after a restart`, async () => {
    const fake = await sampleServer();
    server = fake.server;
    const pid = { value: process.pid };
    const sampler = startSampler(runningAt(fake.url, pid), () => Date.now());
    // Ticks 0..6 at least (the first at once, then one a second); a "restart" (another supervised pid) at ~6.5 s.
    await new Promise((resolve) => setTimeout(resolve, 6_500));
    pid.value = process.ppid;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await sampler.stop();
    const samples = sampler.samples;
    const loopTicks = samples.length - 1;
    expect(loopTicks).toBeGreaterThanOrEqual(7);
    // Every sample has CPU from /proc; only the asked ones carry the event loop.
    expect(samples.every((s) => s.reachable && s.cpuSeconds !== null)).toBe(true);
    const asked = samples.filter((s) => s.asked !== false);
    expect(asked.every((s) => s.eventLoopP99Ms === 1)).toBe(true);
    expect(samples.filter((s) => s.asked === false).every((s) => s.eventLoopP99Ms === null)).toBe(true);
    // Tick 0, every 5th loop tick, the first tick after the pid changed (not yet confirmed), and the last.
    const scheduled = Math.floor((loopTicks - 1) / ASK_EVERY_SECONDS) + 1;
    expect(asked.length).toBeGreaterThanOrEqual(scheduled + 1);
    expect(asked.length).toBeLessThanOrEqual(scheduled + 2);
    expect(asked.length).toBeLessThan(samples.length / 2);
    expect(fake.asked()).toBe(asked.length);
    expect(sampler.readings().get('app')?.scrapes).toBe(asked.length);
  }, 20_000);
});
