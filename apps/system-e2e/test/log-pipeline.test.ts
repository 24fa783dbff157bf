// The log-forwarder failure, reproduced with real pipes, sockets, buffers and backpressure
// (CONTEXT.md section 3). Each case runs on both topologies; assertions are on counts and
// orders of magnitude, never on timings finer than "within tens of seconds".
import { afterEach, describe, expect, it } from 'vitest';
import { answers, startBackgroundLoad, within } from './support/background-load.js';
import { settledAccounting, sumOf } from './support/log-accounting.js';
import { startSystem, type System } from './support/start-system.js';

const STALL = { forwarder: { sink: { mode: 'stall' as const } } };
const NORMAL = { forwarder: { sink: { mode: 'normal' as const } } };
let system: System | undefined;

afterEach(async () => {
  await system?.stop();
  system = undefined;
});

/**
 * Probes the entry's health every 250 ms until `reached` says the mechanism under test has
 * engaged (bounded by 60 s: per-connection TCP buffers take longer to fill when the same load
 * is spread over five processes). Every probe must be answered for "unaffected" to hold.
 */
async function probeUntil(
  s: System,
  reached: () => Promise<boolean>,
): Promise<{ probes: number; failedProbes: number; reachedAfterMs: number | null }> {
  let probes = 0;
  let failedProbes = 0;
  const reachedAfterMs = await within(60_000, async () => {
    probes++;
    if (!(await answers(`${s.url}/healthz`, 2_000))) failedProbes++;
    return reached();
  });
  return { probes, failedProbes, reachedAfterMs };
}

function report(label: string, facts: Record<string, unknown>) {
  // Figures for the humans reading CI output; the assertions below do not depend on them.
  process.stdout.write(`[log-pipeline] ${label}: ${JSON.stringify(facts)}\n`);
}

describe.each(['monolith', 'microservices'])('log pipeline on %s', (topology) => {
  it('1. sync logger + blocking driver + forwarder block: a stalled sink stalls the process; nothing is lost', async () => {
    system = await startSystem(topology, {
      logger: { mode: 'sync' },
      logPipeline: { driver: { mode: 'blocking' }, forwarder: { whenFull: 'block' } },
    });
    const health = `${system.url}/healthz`;
    await system.running.setLogOptions(STALL);
    const load = startBackgroundLoad(system.url);
    const stalledAfterMs = await within(60_000, async () => !(await answers(health)));
    const sent = await load.stop();
    expect(stalledAfterMs, 'the process kept answering although its logs could not be delivered').not.toBeNull();

    await system.running.setLogOptions(NORMAL);
    const recoveredAfterMs = await within(60_000, () => answers(health));
    expect(recoveredAfterMs, 'the process did not answer again after the stall was lifted').not.toBeNull();
    const accounting = await settledAccounting(system);
    report(`${topology} case 1`, {
      stalledAfterMs,
      recoveredAfterMs,
      sent,
      delivered: sumOf(accounting, (a) => a.delivered),
    });
    expect(accounting.holds, JSON.stringify(accounting.processes.flatMap((a) => a.problems))).toBe(true);
    expect(accounting.settled).toBe(true);
    expect(sumOf(accounting, (a) => a.droppedByDriver + (a.droppedByForwarder ?? 0) + (a.droppedByLogger ?? 0))).toBe(
      0,
    );
    for (const a of accounting.processes) expect(a.delivered).toBe(a.emitted);
  });

  it('2. same with the non-blocking driver: the process keeps answering, the driver drops and counts', async () => {
    system = await startSystem(topology, {
      logger: { mode: 'sync' },
      logPipeline: { driver: { mode: 'non-blocking', maxBufferBytes: 64 * 1024 }, forwarder: { whenFull: 'block' } },
    });
    await system.running.setLogOptions(STALL);
    const load = startBackgroundLoad(system.url);
    const running = system.running;
    const { probes, failedProbes, reachedAfterMs } = await probeUntil(system, async () =>
      Object.values(running.driverStats()).some((d) => d.linesDropped > 0),
    );
    const sent = await load.stop();
    await system.running.setLogOptions(NORMAL);
    const accounting = await settledAccounting(system);
    const droppedByDriver = sumOf(accounting, (a) => a.droppedByDriver);
    report(`${topology} case 2`, {
      probes,
      failedProbes,
      firstDropAfterMs: reachedAfterMs,
      sent,
      droppedByDriver,
      delivered: sumOf(accounting, (a) => a.delivered),
    });
    expect(failedProbes).toBe(0);
    expect(droppedByDriver).toBeGreaterThan(0);
    expect(accounting.holds, JSON.stringify(accounting.processes.flatMap((a) => a.problems))).toBe(true);
    for (const a of accounting.processes)
      expect((a.delivered ?? 0) + a.droppedByDriver + (a.droppedByForwarder ?? 0)).toBe(a.emitted);
  });

  it('3. async logger with the blocking path stalled: the process keeps answering while its memory grows', async () => {
    system = await startSystem(topology, {
      logger: { mode: 'async' },
      logPipeline: { driver: { mode: 'blocking' }, forwarder: { whenFull: 'block' } },
    });
    const entry = system.running.topology.entry;
    const headers = system.running.internalHeaders();
    const rss = async () =>
      ((await (await fetch(`${entry.internalUrl}/stats/logging`, { headers })).json()) as { memory: { rss: number } })
        .memory.rss;
    const rssBefore = await rss();
    await system.running.setLogOptions(STALL);
    const load = startBackgroundLoad(system.url);
    const running = system.running;
    const backlogOf = async () =>
      (await running.logAccounting()).processes.find((a) => a.process === entry.name)?.inFlight.inProcess ?? 0;
    const { failedProbes, reachedAfterMs } = await probeUntil(system, async () => (await backlogOf()) > 20_000);
    const backlog = await backlogOf();
    const rssDuring = await rss();
    const sent = await load.stop();
    report(`${topology} case 3`, {
      failedProbes,
      backlogReachedAfterMs: reachedAfterMs,
      sent,
      linesQueuedInProcess: backlog,
      rssGrowthMiB: Number(((rssDuring - rssBefore) / 2 ** 20).toFixed(1)),
    });
    expect(failedProbes).toBe(0);
    expect(backlog).toBeGreaterThan(20_000);
    expect(rssDuring).toBeGreaterThan(rssBefore);

    await system.running.setLogOptions(NORMAL);
    const accounting = await settledAccounting(system);
    expect(accounting.holds, JSON.stringify(accounting.processes.flatMap((a) => a.problems))).toBe(true);
    expect(sumOf(accounting, (a) => a.droppedByDriver + (a.droppedByForwarder ?? 0) + (a.droppedByLogger ?? 0))).toBe(
      0,
    );
  });

  it('4. forwarder drop_newest: drivers and processes are unaffected, the forwarder drops and counts', async () => {
    system = await startSystem(topology, {
      logger: { mode: 'sync' },
      logPipeline: { driver: { mode: 'blocking' }, forwarder: { whenFull: 'drop_newest' } },
    });
    await system.running.setLogOptions(STALL);
    const load = startBackgroundLoad(system.url);
    const client = system.running.forwarder?.client;
    const { failedProbes } = await probeUntil(
      system,
      async () => ((await client?.stats())?.totals.dropped ?? 0) > 1_000,
    );
    const sent = await load.stop();
    const drivers = Object.values(system.running.driverStats());
    await system.running.setLogOptions(NORMAL);
    const accounting = await settledAccounting(system);
    const droppedByForwarder = sumOf(accounting, (a) => a.droppedByForwarder);
    report(`${topology} case 4`, { failedProbes, sent, droppedByForwarder });
    expect(failedProbes).toBe(0);
    expect(drivers.every((d) => d.linesDropped === 0)).toBe(true);
    expect(droppedByForwarder).toBeGreaterThan(0);
    expect(accounting.holds, JSON.stringify(accounting.processes.flatMap((a) => a.problems))).toBe(true);
    for (const a of accounting.processes) expect((a.delivered ?? 0) + (a.droppedByForwarder ?? 0)).toBe(a.emitted);
  });
});
