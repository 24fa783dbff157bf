import { describe, expect, it } from 'vitest';
import { runResult, steadyCell } from '@paybench/bench-results/testing';
import { linkProxyCpuNote } from './link-proxy-cpu.js';

describe('link proxy CPU note', () => {
  it("states per cell the runner's CPU per window second and per request answered, outside CPU ms/req", () => {
    // 10 s of 100 answers a second: 1000 requests.
    const proxied = steadyCell({ topology: 'microservices', latencyMs: 10, cpuPerSecond: 0.1, rssBytes: 1 });
    proxied.linkProxyCpu = { runnerCpuMs: 250, windowMs: 10_000, proxies: 2 };
    const plain = steadyCell({ topology: 'monolith', latencyMs: 10, cpuPerSecond: 0.1, rssBytes: 1 });
    const note = linkProxyCpuNote(runResult([plain, proxied]));
    expect(note).toContain('microservices #1 25.0 ms/s, 0.250 ms/req');
    expect(note).toContain('in no CPU ms/req above');
    expect(note).not.toContain('monolith');
  });

  it('says nothing for a run without link proxies', () => {
    expect(linkProxyCpuNote(runResult([steadyCell({ latencyMs: 10, cpuPerSecond: 0.1, rssBytes: 1 })]))).toBeNull();
  });
});
