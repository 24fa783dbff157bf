import { describe, expect, it } from 'vitest';
import { renderTerminalSummary } from './render-terminal-summary.js';
import {
  blastRun,
  cellResult,
  incidentCell,
  INCIDENT_PHASES,
  runResult,
  steadyCell,
} from '@paybench/bench-results/testing';

const MiB = 2 ** 20;

describe('renderTerminalSummary', () => {
  const cells = [
    steadyCell({ topology: 'monolith', latencyMs: 10, cpuPerSecond: 0.1, rssBytes: 100 * MiB }),
    steadyCell({
      topology: 'microservices',
      latencyMs: 32,
      cpuPerSecond: 0.29,
      rssBytes: 410 * MiB,
      status: 'invalid',
      problems: ['the load generator could not keep its schedule: schedule lag p99 35 ms > 10 ms'],
    }),
    cellResult({
      topology: 'monolith',
      load: { kind: 'closed', connections: 32 },
      status: 'failed',
      problems: ['could not create any order before the run'],
    }),
  ];
  const text = renderTerminalSummary(runResult(cells));
  const lines = text.split('\n');

  it('shows every cell, and marks the ones that cannot be trusted', () => {
    expect(text).toContain(
      '== logging broken (logger sync, driver blocking, forwarder block) | load open-100 (open loop, 100 req/s offered) ==',
    );
    expect(text).toContain(
      '== logging broken (logger sync, driver blocking, forwarder block) | load closed-32 (closed loop, 32 connections) ==',
    );
    expect(lines.filter((l) => /^monolith\s+1\s+steady/.test(l))).toHaveLength(1);
    expect(lines.find((l) => /^microservices\s+1\s+steady/.test(l))).toMatch(/INVALID: the load gen/);
    expect(lines.find((l) => /^monolith\s+1\s+-/.test(l))).toMatch(/FAILED: could not/);
    // Every problem in full under the block, wrapped rather than cut.
    expect(text).toContain(
      'microservices #1 INVALID: the load generator could not keep its schedule: schedule lag p99 35 ms > 10 ms',
    );
  });

  it('includes the ratio line and the header and footer', () => {
    // One valid repeat each: per-second intervals, none for the peak RSS.
    expect(text).toMatch(
      /microservices\/monolith: p50 x3\.\d \[[\d.]+-[\d.]+\], p99 x3\.\d \[[\d.]+-[\d.]+\], req\/s x1\.0 \[1\.0-1\.0\], CPU\/req x2\.9 \[[\d.]+-[\d.]+\], RSS x4\.1 \(95% intervals per-second, 1\s+repeat/,
    );
    expect(text).toContain('Node v24.0.0 on linux');
    expect(text).toContain('pinning: load generator on CPU 0');
    expect(text).toContain('How measured:');
  });

  it('heads a run on an external target with its description and every refused cell, and says how it measured', () => {
    const external = renderTerminalSummary({
      ...runResult(cells),
      external: {
        description: 'paybench up on vm: topology monolith',
        targetFile: '/tmp/up.yaml',
        topology: 'monolith',
        refused: [{ key: 'microservices/broken/open-100', reason: 'the target runs topology monolith' }],
      },
    });
    expect(external).toContain('external target: paybench up on vm: topology monolith (/tmp/up.yaml)');
    expect(external).toContain(
      'refused on the target: microservices/broken/open-100: the target runs topology monolith',
    );
    expect(external).toMatch(/External target: .* CPU and RSS come from each process's own GET\s+\/stats\/sample/);
    expect(text).not.toMatch(/external target/i);
    for (const line of external.split('\n')) expect(line.length).toBeLessThanOrEqual(150);
  });

  it('keeps every line under 150 characters', () => {
    expect(lines.filter((l) => l.length > 150)).toEqual([]);
  });

  it('prints a verdict per fault phase and topology', () => {
    const incident = renderTerminalSummary(
      runResult([incidentCell({ topology: 'monolith' }), incidentCell({ topology: 'microservices', slowBy: 2 })]),
    );
    const verdicts = incident
      .split('\n')
      .filter((l) => /^ {2}(stall:|recovery:|\s{12})\s+(monolith|microservices)\s+p99/.test(l));
    expect(verdicts).toHaveLength(4);
    expect(verdicts[0]).toMatch(
      /^ {2}stall:\s+monolith\s+p99 2001 ms \(checkout 2001, orderStatus 2001\); in SLO 0\.0%, answered 0\.0%; impact \+0\.0 s$/,
    );
    expect(verdicts[2]).toMatch(
      /^ {2}recovery:\s+monolith\s+p99 2001 ms .*; in SLO 80\.0%, answered 100%; impact \+0\.0 s; recovered \+2\.0 s$/,
    );
    for (const phase of INCIDENT_PHASES) expect(incident).toMatch(new RegExp(`  ${phase.name}  `));
    expect(incident.split('\n').filter((l) => l.length > 150)).toEqual([]);
  });
});

describe('figures from cells that are not valid', () => {
  const run = (status: 'interrupted' | 'invalid') =>
    renderTerminalSummary(
      runResult([
        steadyCell({ topology: 'monolith', latencyMs: 10, cpuPerSecond: 0.1, rssBytes: 100 * MiB }),
        steadyCell({ topology: 'microservices', latencyMs: 30, cpuPerSecond: 0.3, rssBytes: 400 * MiB, status }),
      ]),
    );

  it('names interrupted cells as interrupted (cut short, not disqualified), and invalid ones as invalid', () => {
    expect(run('interrupted')).toContain('; from INTERRUPTED cells: windows cut short)');
    expect(run('interrupted')).not.toContain('INVALID cells');
    expect(run('invalid')).toContain('; from INVALID cells: not trustworthy)');
  });

  it('prints the blast radius of each fault under its block', () => {
    const text = renderTerminalSummary(blastRun());
    expect(text).toMatch(
      / {2}blast radius \(a class is hit in a second when under 99% of it was served within the SLO\):/,
    );
    expect(text).toMatch(
      / {2}- A black hole on checkout->risk \(phase fault, at 5\.0 s\) took down every class for 7\.0 s/,
    );
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(150);
  });
});

describe('resilience presets', () => {
  it('names the resilience preset of a block and says what its policies did, only when they did something', () => {
    const counts = (process: string, fallbacks: number, retries: number) => ({
      process,
      reachable: true,
      retries,
      breakerOpens: fallbacks > 0 ? 1 : 0,
      breakerRejections: 0,
      bulkheadRejections: 0,
      fallbacks,
    });
    const cell = (topology: string, preset: string, fallbacks: number, retries = 0) =>
      steadyCell({
        topology,
        latencyMs: 10,
        cpuPerSecond: 0.1,
        rssBytes: 100 * MiB,
        resilience: { preset, processes: [counts(topology, fallbacks, retries)] },
      });
    const run = runResult([
      cell('monolith', 'naive', 0),
      cell('microservices', 'naive', 0, 7),
      cell('monolith', 'resilient', 0),
      cell('microservices', 'resilient', 12),
    ]);
    run.scenario = { ...run.scenario, resilience: ['naive', 'resilient'] };
    const text = renderTerminalSummary(run);
    expect(text).toContain('| resilience naive | load open-100');
    expect(text).toContain('| resilience resilient | load open-100');
    expect(text).toContain('microservices #1 naive policies: 7 retries');
    expect(text).toContain('microservices #1 resilient policies: 1 breaker open, 12 fallbacks taken');
    expect(text).not.toMatch(/monolith #1 \w+ policies/);
    const load = run.cells[1]?.loadResult;
    if (load?.kind !== 'open') throw new Error('expected an open-loop cell');
    Object.assign(load.result.classes['checkout'] ?? {}, { retries: 40, retriesOverBudget: 9 });
    expect(renderTerminalSummary(run)).toContain(
      'microservices #1 naive policies: 7 retries; client: 40 retries, 9 refused by its budget',
    );
    expect(
      renderTerminalSummary(runResult([steadyCell({ latencyMs: 10, cpuPerSecond: 0.1, rssBytes: MiB })])),
    ).not.toMatch(/resilience|policies/);
  });
});
