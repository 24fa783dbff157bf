// The incident's mechanism with a forwarder nobody here wrote (issue 15, section 4): Debian's syslog-ng between the
// log drivers and a sink the test stalls. With flags(flow-control) (`block`) a stalled destination stops the
// process; without (`drop_newest`) syslog-ng drops and counts, and the process keeps answering. The accounting
// (emitted = delivered + dropped + lost + in flight) holds across syslog-ng from its own counters. Counts and
// orders of magnitude only. CI installs syslog-ng-core (.ci/run); elsewhere the file is skipped when it is missing.
import { findBinary } from '@paybench/platform-runtime';
import { afterEach, describe, expect, it } from 'vitest';
import { answers, startBackgroundLoad, within } from './support/background-load.js';
import { settledAccounting, sumOf } from './support/log-accounting.js';
import { startSystem, type System } from './support/start-system.js';

const STALL = { forwarder: { sink: { mode: 'stall' as const } } };
const NORMAL = { forwarder: { sink: { mode: 'normal' as const } } };
const installed = findBinary('syslog-ng') !== null && findBinary('syslog-ng-ctl') !== null;
if (!installed && process.env['CI'] === 'true') throw new Error('CI must install syslog-ng-core (see .ci/run)');
if (!installed) process.stdout.write('[syslog-ng] not installed: `apt-get install syslog-ng-core` to run these\n');

let system: System | undefined;
afterEach(async () => {
  await system?.stop();
  system = undefined;
});

describe.skipIf(!installed)('syslog-ng as the node-level forwarder', () => {
  it('flow-control (block): a stalled destination stalls the process; after it lifts, nothing is lost', async () => {
    system = await startSystem('monolith', {
      logger: { mode: 'sync' },
      logPipeline: { driver: { mode: 'blocking' }, forwarder: { kind: 'syslog-ng', whenFull: 'block' } },
    });
    expect(system.running.forwarder?.kind).toBe('syslog-ng');
    const health = `${system.url}/healthz`;
    await system.running.setLogOptions(STALL);
    const load = startBackgroundLoad(system.url);
    const stalledAfterMs = await within(60_000, async () => !(await answers(health)));
    await load.stop();
    expect(stalledAfterMs, 'the process kept answering although syslog-ng could not deliver').not.toBeNull();

    await system.running.setLogOptions(NORMAL);
    expect(await within(60_000, () => answers(health))).not.toBeNull();
    const accounting = await settledAccounting(system);
    process.stdout.write(
      `[syslog-ng] block: stalled after ${stalledAfterMs} ms; ${sumOf(accounting, (a) => a.delivered)} delivered\n`,
    );
    expect(accounting.holds, JSON.stringify(accounting.processes.flatMap((a) => a.problems))).toBe(true);
    expect(sumOf(accounting, (a) => a.droppedByDriver + (a.droppedByForwarder ?? 0) + (a.droppedByLogger ?? 0))).toBe(
      0,
    );
    for (const a of accounting.processes) expect(a.delivered).toBe(a.emitted);
  });

  // Microservices: one destination per process in one syslog-ng (each needs a persist name of its own, or syslog-ng
  // refuses to start), and the accounting holds for every process.
  it('no flow-control (drop_newest), several processes: they keep answering, syslog-ng drops and counts', async () => {
    system = await startSystem('microservices', {
      logger: { mode: 'sync' },
      logPipeline: { driver: { mode: 'blocking' }, forwarder: { kind: 'syslog-ng', whenFull: 'drop_newest' } },
    });
    await system.running.setLogOptions(STALL);
    const load = startBackgroundLoad(system.url);
    const client = system.running.forwarder?.client;
    let failedProbes = 0;
    const reached = await within(60_000, async () => {
      if (!(await answers(`${system?.url}/healthz`, 2_000))) failedProbes++;
      return ((await client?.stats())?.totals.dropped ?? 0) > 1_000;
    });
    await load.stop();
    const drivers = Object.values(system.running.driverStats());
    await system.running.setLogOptions(NORMAL);
    const accounting = await settledAccounting(system);
    const dropped = sumOf(accounting, (a) => a.droppedByForwarder);
    process.stdout.write(`[syslog-ng] drop_newest: ${dropped} dropped by syslog-ng, ${failedProbes} failed probes\n`);
    expect(reached, 'syslog-ng never dropped 1,000 lines').not.toBeNull();
    expect(failedProbes).toBe(0);
    expect(drivers.every((d) => d.linesDropped === 0)).toBe(true);
    expect(dropped).toBeGreaterThan(1_000);
    expect(accounting.processes.length, 'one destination per process').toBeGreaterThan(3);
    expect(accounting.holds, JSON.stringify(accounting.processes.flatMap((a) => a.problems))).toBe(true);
    for (const a of accounting.processes) expect((a.delivered ?? 0) + (a.droppedByForwarder ?? 0)).toBe(a.emitted);
  });

  it('refuses to change its flow control while it runs, naming why', async () => {
    system = await startSystem('monolith', {
      logPipeline: { driver: { mode: 'blocking' }, forwarder: { kind: 'syslog-ng', whenFull: 'block' } },
    });
    await expect(system.running.setLogOptions({ forwarder: { whenFull: 'drop_newest' } })).rejects.toThrow(
      /flow control is set when it starts/,
    );
  });
});
