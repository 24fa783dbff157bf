import { describe, expect, it } from 'vitest';
import { cpuBreakdownGroups, cpuBreakdownRows, remoteCallUs } from '@paybench/bench-analysis';
import { CPU_CATEGORIES, type ProcessCpuProfile } from '@paybench/bench-profile';
import { cpuProfile as profile, runResult, steadyCell } from '@paybench/bench-results/testing';
import { renderMarkdownSummary } from './render-markdown-summary.js';
import { renderTerminalSummary } from './render-terminal-summary.js';

// 10 s of 100 2xx answers a second: 1000 successes per cell.
const monolith = {
  ...steadyCell({ topology: 'monolith', latencyMs: 5, cpuPerSecond: 0.2, rssBytes: 1e8 }),
  cpuProfiles: [
    profile('monolith', {
      business: 400_000,
      httpServer: 200_000,
      json: 50_000,
      logging: 300_000,
      database: 100_000,
      other: 150_000,
    }),
  ],
};
const microservices = {
  ...steadyCell({
    topology: 'microservices',
    latencyMs: 20,
    cpuPerSecond: 0.8,
    rssBytes: 4e8,
    processes: ['checkout', 'risk'],
  }),
  cpuProfiles: [
    profile('checkout', {
      business: 100_000,
      httpServer: 500_000,
      httpClient: 900_000,
      json: 100_000,
      logging: 300_000,
      other: 300_000,
    }),
    profile('risk', {
      business: 300_000,
      httpServer: 400_000,
      json: 50_000,
      logging: 200_000,
      database: 100_000,
      other: 100_000,
    }),
  ],
};
const run = runResult([monolith, microservices], {
  profiling: {
    tool: 'cpu',
    processes: { monolith: ['monolith'], microservices: ['checkout', 'risk'] },
    samplingIntervalUs: 1000,
  },
});

describe('the CPU breakdown of a run', () => {
  it('gives a renderer one row per process and category, whose shares add up to 1 per process', () => {
    const rows = cpuBreakdownRows(run);
    expect(rows).toHaveLength(3 * CPU_CATEGORIES.length);
    expect(rows[0]).toEqual({
      cell: 'monolith/broken/open-100',
      topology: 'monolith',
      logging: 'broken',
      load: 'open-100',
      repeat: 1,
      process: 'monolith',
      category: 'business',
      selfMs: 400,
      share: 400 / 1200,
      msPerRequest: 0.4,
    });
    for (const process of ['monolith', 'checkout', 'risk']) {
      const own = rows.filter((r) => r.process === process);
      expect(own.reduce((sum, r) => sum + r.share, 0)).toBeCloseTo(1, 10);
    }
  });

  it('puts topologies side by side, adding up their profiled processes', () => {
    const [group] = cpuBreakdownGroups(run);
    expect(group?.columns.map((c) => [c.topology, c.processes, c.wholeTopology, c.busyUs, c.successes])).toEqual([
      ['monolith', ['monolith'], true, 1_200_000, 1000],
      ['microservices', ['checkout', 'risk'], true, 3_350_000, 1000],
    ]);
    const micro = group?.columns[1];
    expect(micro && CPU_CATEGORIES.reduce((sum, c) => sum + micro.categories[c], 0)).toBe(3_350_000);
    expect(micro && remoteCallUs(micro)).toBe(500_000 + 900_000 + 100_000 + 400_000 + 50_000);
  });

  it('leaves out a failed profile, says why, and marks a topology only partly profiled', () => {
    const partial = {
      ...microservices,
      cpuProfiles: [
        microservices.cpuProfiles[0] as ProcessCpuProfile,
        profile('risk', {}, 'no profile from risk (stalled or gone?): UND_ERR_HEADERS_TIMEOUT'),
      ],
    };
    const withError = runResult([monolith, partial]);
    expect(cpuBreakdownRows(withError).filter((r) => r.process === 'risk')).toHaveLength(0);
    expect(cpuBreakdownGroups(withError)[0]?.columns[1]?.wholeTopology).toBe(false);
    const text = renderTerminalSummary(withError);
    expect(text).toMatch(/no CPU profile of microservices\/risk: no profile from risk \(stalled or gone\?\)/);
    expect(text).toMatch(/microservices \[checkout only\]/);
  });

  it('prints the side-by-side table, per-process rows and the cost of remote calls in the terminal', () => {
    const text = renderTerminalSummary(run);
    expect(text).toMatch(/== CPU breakdown ==/);
    expect(text).toMatch(/category\s+ms\s+share\s+ms\/req\s+ms\s+share\s+ms\/req/);
    expect(text).toMatch(/business logic\s+400\.0\s+33\.3%\s+0\.400\s+400\.0\s+11\.9%\s+0\.400/);
    expect(text).toMatch(/main thread\s+1200\.0\s+100%\s+1\.200\s+3350\.0\s+100%\s+3\.350/);
    expect(text).toMatch(/other threads\s+100\.0\s+0\.100\s+200\.0\s+0\.200/);
    expect(text).toMatch(/process CPU\s+1300\.0\s+1\.300\s+3550\.0\s+3\.550/);
    expect(text).toMatch(
      /HTTP server \+ HTTP client \+ JSON.*monolith 0\.250 ms\/req; microservices 1\.950 ms\/req \(x7\.8\)/,
    );
    expect(text).toMatch(/microservices\/checkout\s+100\.0\s+500\.0\s+900\.0/);
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(150);
  });

  it('writes the same tables into summary.md', () => {
    const markdown = renderMarkdownSummary(run);
    expect(markdown).toMatch(/## CPU breakdown/);
    expect(markdown).toMatch(
      /\| category \| monolith \(monolith\) ms \| share \| ms\/req \| microservices \(all 2 processes\) ms \| share \| ms\/req \|/,
    );
    expect(markdown).toMatch(/\| HTTP client \| 0\.0 \| 0\.0% \| 0\.000 \| 900\.0 \| 26\.9% \| 0\.900 \|/);
    expect(markdown).toMatch(
      /\| microservices\/risk \| 300\.0 \| 400\.0 \| 0\.0 \| 50\.0 \| 200\.0 \| 100\.0 \| 100\.0 \| 1150\.0 \| 1250\.0 \|/,
    );
  });

  it('adds nothing to runs without profiles', () => {
    const plain = runResult([steadyCell({ latencyMs: 5, cpuPerSecond: 0.2, rssBytes: 1e8 })]);
    expect(cpuBreakdownRows(plain)).toEqual([]);
    expect(renderTerminalSummary(plain)).not.toMatch(/CPU breakdown/);
    expect(renderMarkdownSummary(plain)).not.toMatch(/CPU breakdown/);
  });
});

describe("where V8's sampler thread ran, said above the breakdown", () => {
  const withSampler = (cpus: (string | null)[]) =>
    runResult(
      [
        {
          ...microservices,
          cpuProfiles: microservices.cpuProfiles.map((p, i) => ({ ...p, samplerCpus: cpus[i] })),
        },
      ],
      run.profiling ? { profiling: run.profiling } : {},
    );

  it('names the CPUs it was moved to when every profile moved it', () => {
    const text = renderMarkdownSummary(withSampler(['0', '0']));
    expect(text).toContain("V8's sampler thread ran on CPU 0 (the load generator's)");
    expect(text).not.toContain('read high');
  });

  it('warns that writes read high when it stayed beside a process', () => {
    const text = renderMarkdownSummary(withSampler(['0', null]));
    expect(text).toContain('beside the profiled process in 1 of 2 profiles');
    expect(text).toContain('logging and socket writes read high');
  });

  it('says nothing of it for results written before it was recorded', () => {
    expect(renderMarkdownSummary(run)).not.toContain("V8's sampler thread");
  });
});
