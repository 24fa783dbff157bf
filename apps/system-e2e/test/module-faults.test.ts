// Per-module faults (issue 13) on real processes: the process hosting a module injects its faults into the
// module's calls, and a crash kills that process (SIGKILL) and the supervisor starts it again on the same
// ports. What fails with it depends on the topology: that is what the faults measure.
import { afterEach, describe, expect, it } from 'vitest';
import { crashModule } from '@paybench/platform-runtime';
import { get, post, purchase, type Reply } from './support/purchases.js';
import { startSystem, type System } from './support/start-system.js';

let system: System | undefined;
afterEach(async () => {
  await system?.stop();
  system = undefined;
});

/** A reply, or status 0 when nothing answered (a killed process refuses the connection). */
const attempt = (work: () => Promise<Reply>): Promise<Reply> => work().catch(() => ({ status: 0, body: {} }));

async function startWithOrder(topology: string) {
  const unexpected: string[] = [];
  const restartFailures: string[] = [];
  system = await startSystem(topology, {
    callTimeoutMs: 2_000,
    onUnexpectedExit: (name) => unexpected.push(name),
    onRestartFailed: (name, error) => restartFailures.push(`${name}: ${error.message}`),
  });
  const { url } = system;
  const created = await post(url, purchase('SE', 'pay_now'));
  expect(created.status).toBe(201);
  const orderPath = `/v1/orders/${String(created.body['id'])}`;
  return { url, running: system.running, orderPath, unexpected, restartFailures };
}

describe('module faults', () => {
  it('in microservices a crashed risk fails checkouts, not order reads; after its restart checkouts succeed', async () => {
    const { url, running, orderPath, unexpected, restartFailures } = await startWithOrder('microservices');

    // An error rate of 1 on risk, set through the risk process's internal listener: checkouts get the 503.
    expect(await running.setModuleFaults('risk', [{ type: 'errors', rate: 1 }])).toEqual({
      process: 'risk',
      applied: true,
    });
    const refused = await post(url, purchase('SE', 'pay_now'));
    expect(refused.status).toBe(503);
    expect(JSON.stringify(refused.body)).toMatch(/dependency_unavailable/);
    await running.setModuleFaults('risk', []);
    expect((await post(url, purchase('SE', 'pay_now'))).status).toBe(201);

    const handle = await running.crashModule('risk', { restartAfterMs: 1_500 });
    expect(handle.record).toMatchObject({ process: 'risk', module: 'risk', restartAfterMs: 1_500, readyAt: null });
    expect(running.processes.get('risk')?.hasExited).toEqual({ code: null, signal: 'SIGKILL' });
    expect((await attempt(() => post(url, purchase('SE', 'pay_now')))).status).toBeGreaterThanOrEqual(500);
    expect((await get(url, orderPath)).status).toBe(200);

    expect(await handle.restarted).toBe('ready');
    expect(handle.record.readyAt).toBeGreaterThan(handle.record.killedAt);
    expect((await post(url, purchase('SE', 'pay_now'))).status).toBe(201);
    expect(unexpected).toEqual([]);
    expect(restartFailures).toEqual([]);
    // Each life logs under its own source: the accounting names the killed life and holds.
    const accounting = await running.logAccounting();
    expect(accounting.processes.map((p) => p.process)).toContain('risk (life 1, killed)');
    expect(accounting.holds).toBe(true);
  });

  it('in the monolith the crash takes everything down until the restart', async () => {
    const { url, running, orderPath, unexpected } = await startWithOrder('monolith');
    const { record, outcome } = await crashModule(running, 'risk', { restartAfterMs: 1_000, awaitRestart: false });
    expect(record.process).toBe('monolith');
    expect(outcome).toBeNull();
    expect((await attempt(() => post(url, purchase('SE', 'pay_now')))).status).toBe(0);
    expect((await attempt(() => get(url, orderPath))).status).toBe(0);
    // A second crash of a process already down is refused, naming it.
    await expect(running.crashModule('orders')).rejects.toThrow(/process monolith is down or restarting/);
    await expect(running.setModuleFaults('risk', [{ type: 'latency', ms: 5 }])).rejects.toThrow(
      /is down or restarting/,
    );
    expect(await running.setModuleFaults('risk', [])).toEqual({ process: 'monolith', applied: false });

    for (let i = 0; i < 100 && running.crashes()[0]?.readyAt === null && !running.crashes()[0]?.error; i++)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(running.crashes()[0]).toMatchObject({ error: null });
    expect((await get(url, orderPath)).status).toBe(200);
    expect((await post(url, purchase('SE', 'pay_now'))).status).toBe(201);
    expect(unexpected).toEqual([]);
  });
});
