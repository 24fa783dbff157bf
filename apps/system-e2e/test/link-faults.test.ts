// Network faults on one link between two processes (issue 13): the supervisor puts a fault proxy on the
// caller's side of a link the scenario names, and only that caller goes through it. Real processes, real ports.
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { get, post, purchase } from './support/purchases.js';
import { startSystem, type System } from './support/start-system.js';

let system: System | undefined;
afterEach(async () => {
  await system?.stop();
  system = undefined;
});

/** True when something accepts a TCP connection at `url`'s port. */
function listening(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port) });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

const timed = async <T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> => {
  const began = performance.now();
  const value = await work();
  return { value, ms: performance.now() - began };
};

describe('link faults', () => {
  it('a black hole on checkout->risk times out checkouts, not order reads; lifting it restores them', async () => {
    system = await startSystem('microservices', { links: [{ from: 'checkout', to: 'risk' }], callTimeoutMs: 1_000 });
    const { running, url } = system;
    const created = await post(url, purchase('SE', 'pay_now'));
    expect(created.status).toBe(201);
    const orderPath = `/v1/orders/${String(created.body['id'])}`;

    expect(running.setLinkToxics('checkout', 'risk', [{ type: 'blackHole' }])).toBe('proxied');
    const blocked = await timed(() => post(url, purchase('SE', 'pay_now')));
    expect(blocked.value.status).toBeGreaterThanOrEqual(500);
    // The risk call waited for its deadline: the proxy accepted and never answered.
    expect(blocked.ms).toBeGreaterThan(900);
    // The entry's other calls (orders) do not cross that link, and risk itself still answers its health check.
    const read = await timed(() => get(url, orderPath));
    expect(read.value.status).toBe(200);
    expect(read.ms).toBeLessThan(500);
    const [proxy] = running.linkStats();
    expect(proxy).toMatchObject({ from: 'checkout', to: 'risk', links: ['checkout->risk'] });
    expect(proxy?.stats.bytesDiscarded).toBeGreaterThan(0);

    expect(running.setLinkToxics('checkout', 'risk', [])).toBe('proxied');
    expect((await post(url, purchase('SE', 'pay_now'))).status).toBe(201);
    expect(running.linkNotes()).toEqual([]);

    // Closed with the topology: nothing listens where the proxy did.
    const proxyUrl = proxy?.url as string;
    expect(await listening(proxyUrl)).toBe(true);
    await system.stop();
    system = undefined;
    expect(await listening(proxyUrl)).toBe(false);
  });

  it('in the monolith the link is a function call: no proxy, a note, and checkouts unaffected', async () => {
    system = await startSystem('monolith', { links: [{ from: 'checkout', to: 'risk' }] });
    const { running, url } = system;
    const note =
      'link checkout->risk is in-process in monolith: no network fault applied (it does not apply in-process)';
    expect(running.linkNotes()).toEqual([note]);
    expect(running.setLinkToxics('checkout', 'risk', [{ type: 'blackHole' }])).toBe('in-process');
    expect(running.linkStats()).toEqual([]);
    expect((await post(url, purchase('SE', 'pay_now'))).status).toBe(201);
  });
});
