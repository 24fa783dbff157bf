// Resilience presets (issue 13): the preset reaches every process through its configuration, and the resilient
// one turns an unreachable risk into the payment options' fallbacks, with a breaker that stops waiting on it.
// Real processes, real ports, a real black hole (the fault proxy) on checkout->risk.
import { resiliencePreset } from '@paybench/platform-resilience';
import { afterEach, describe, expect, it } from 'vitest';
import { post, purchase } from './support/purchases.js';
import { startSystem, type System } from './support/start-system.js';

let system: System | undefined;
afterEach(async () => {
  await system?.stop();
  system = undefined;
});

interface PolicyStats {
  preset: string | null;
  total: { retries: number; breakerOpens: number; breakerRejections: number; fallbacks: number };
  byCallee: Record<string, { fallbacks: number; breakerOpens: number }>;
}

async function policyStats(running: System['running'], process: string): Promise<PolicyStats> {
  const resolved = running.topology.processes.find((p) => p.name === process);
  const reply = await fetch(`${resolved?.internalUrl}/stats/resilience`, { headers: running.internalHeaders() });
  expect(reply.status).toBe(200);
  return (await reply.json()) as PolicyStats;
}

describe('resilience presets', () => {
  it('resilient: risk unreachable -> the configured fallbacks, then an open breaker answers at once', async () => {
    system = await startSystem('microservices', {
      links: [{ from: 'checkout', to: 'risk' }],
      callTimeoutMs: 2_000,
      resilience: resiliencePreset('resilient'),
    });
    const { running, url } = system;
    for (const p of running.topology.processes) expect((await policyStats(running, p.name)).preset).toBe('resilient');
    expect((await post(url, purchase('SE', 'pay_now'))).status).toBe(201);

    running.setLinkToxics('checkout', 'risk', [{ type: 'blackHole' }]);
    // pay_now approves below 20 000 without risk; pay_later declines, naming why (config/payment-options.json).
    const approved = await post(url, purchase('SE', 'pay_now'));
    expect(approved.status, JSON.stringify(approved.body)).toBe(201);
    expect(approved.body).toMatchObject({ riskScore: 0 });
    const declined = await post(url, purchase('SE', 'pay_later'));
    expect(declined.status, JSON.stringify(declined.body)).toBe(422);
    expect(declined.body).toMatchObject({
      error: { code: 'payment_rejected', details: { reason: 'risk_unavailable' } },
    });
    // Five failed attempts in a row open checkout's breaker on risk: from then on no call waits on the black hole.
    for (let i = 0; i < 4; i++) expect((await post(url, purchase('SE', 'pay_now'))).status).toBe(201);
    expect((await post(url, purchase('SE', 'pay_now'))).status).toBe(201);

    const checkout = await policyStats(running, 'checkout');
    expect(checkout.total.fallbacks).toBe(7);
    expect(checkout.total.breakerOpens).toBe(1);
    expect(checkout.total.breakerRejections).toBeGreaterThanOrEqual(1);
    expect(checkout.total.retries).toBe(0); // risk.assess is not idempotent: never retried
    expect(checkout.byCallee['risk']).toMatchObject({ fallbacks: 7, breakerOpens: 1 });

    // Lifted: after the breaker's half-open delay a trial call goes through, and risk decides again.
    running.setLinkToxics('checkout', 'risk', []);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const assessed = await post(url, purchase('SE', 'pay_later'));
    expect(assessed.status, JSON.stringify(assessed.body)).toBe(201);
  });

  it('without a preset: no policy, no fallback (risk unreachable is a 503)', async () => {
    system = await startSystem('microservices', { links: [{ from: 'checkout', to: 'risk' }], callTimeoutMs: 1_000 });
    const { running, url } = system;
    expect((await policyStats(running, 'checkout')).preset).toBeNull();
    running.setLinkToxics('checkout', 'risk', [{ type: 'blackHole' }]);
    expect((await post(url, purchase('SE', 'pay_now'))).status).toBe(503);
    expect((await policyStats(running, 'checkout')).total.fallbacks).toBe(0);
  });
});
