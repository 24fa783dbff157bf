import { createServer, connect, type Server } from 'node:net';
import type { ResolvedProcess, ResolvedTopology } from '@paybench/platform-topology';
import { afterEach, describe, expect, it } from 'vitest';
import { inProcessNote, placeLinks, startLinkProxies } from './link-proxies.js';

/** A topology of processes hosting these modules, internal listeners on these ports (nothing else is read). */
function topology(name: string, processes: Record<string, { modules: string[]; port: number }>): ResolvedTopology {
  const resolved = Object.entries(processes).map(([process, { modules, port }]): ResolvedProcess => ({
    name: process,
    app: process,
    modules,
    host: '127.0.0.1',
    port: port - 100,
    url: `http://127.0.0.1:${port - 100}`,
    internalHost: '127.0.0.1',
    internalPort: port,
    internalUrl: `http://127.0.0.1:${port}`,
    databaseFile: `${process}.db`,
    isEntry: modules.includes('checkout'),
  }));
  const moduleUrls = Object.fromEntries(resolved.flatMap((p) => p.modules.map((m) => [m, p.internalUrl])));
  return { name, description: '', processes: resolved, entry: resolved[0] as ResolvedProcess, moduleUrls };
}

const NOT_APPLIED = 'no network fault applied (it does not apply in-process)';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

/** An upstream that answers each line with `pong`. */
async function echoServer(): Promise<number> {
  const server = createServer((socket) => socket.on('data', () => socket.write('pong\n')));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as { port: number }).port;
}

const listeners = () => process.getActiveResourcesInfo().filter((r) => r === 'TCPServerWrap').length;

describe('link proxies', () => {
  it('places module links: across processes, inside one, each once; an unknown module names the topology', () => {
    const hybrid = topology('extract-risk', {
      core: { modules: ['checkout', 'orders'], port: 1 },
      risk: { modules: ['risk'], port: 2 },
    });
    const placed = placeLinks(hybrid, [
      { from: 'checkout', to: 'risk' },
      { from: 'checkout', to: 'orders' },
      { from: 'checkout', to: 'risk' },
    ]);
    expect(placed).toEqual([
      { kind: 'proxied', link: { from: 'checkout', to: 'risk' }, caller: 'core', callee: 'risk' },
      { kind: 'in-process', link: { from: 'checkout', to: 'orders' }, process: 'core' },
    ]);
    const monolith = topology('monolith', { monolith: { modules: ['checkout', 'orders', 'risk'], port: 1 } });
    const inside = placeLinks(monolith, [
      { from: 'checkout', to: 'risk' },
      { from: 'risk', to: 'orders' },
    ]);
    expect(inProcessNote('monolith', inside)).toEqual([
      `links checkout->risk, risk->orders are in-process in monolith: ${NOT_APPLIED}`,
    ]);
    expect(inProcessNote('extract-risk', placed.slice(0, 1))).toEqual([]);
    expect(() => placeLinks(hybrid, [{ from: 'checkout', to: 'fraud' }])).toThrow(
      'link to or from unknown module "fraud": topology extract-risk hosts checkout, orders, risk',
    );
  });

  it('points the caller alone at one proxy per process pair; it faults, lifts, closes', async () => {
    const riskPort = await echoServer();
    const split = topology('split', {
      checkout: { modules: ['checkout'], port: 1 },
      back: { modules: ['risk', 'orders'], port: riskPort },
    });
    const before = listeners();
    const links = await startLinkProxies(split, [
      { from: 'checkout', to: 'risk' },
      { from: 'checkout', to: 'orders' },
      { from: 'risk', to: 'orders' },
    ]);
    const [proxy] = links.stats();
    expect(links.stats()).toHaveLength(1);
    expect(proxy?.links).toEqual(['checkout->risk', 'checkout->orders']);
    expect(links.overridesFor('checkout')).toEqual({ risk: proxy?.url, orders: proxy?.url });
    expect(links.overridesFor('back')).toEqual({});
    expect(links.notes()).toEqual([`link risk->orders is in-process in split: ${NOT_APPLIED}`]);
    expect(links.setToxics('risk', 'orders', [{ type: 'blackHole' }])).toBe('in-process');
    expect(() => links.setToxics('orders', 'risk', [])).toThrow(/link orders->risk was not named/);

    const { port } = new URL(proxy?.url as string);
    const socket = connect({ host: '127.0.0.1', port: Number(port) });
    const answer = () => new Promise<string>((resolve) => socket.once('data', (d) => resolve(String(d))));
    socket.write('ping\n');
    expect(await answer()).toBe('pong\n');
    expect(links.setToxics('checkout', 'risk', [{ type: 'blackHole' }])).toBe('proxied');
    socket.write('ping\n');
    const held = await Promise.race([answer(), new Promise((resolve) => setTimeout(() => resolve('nothing'), 200))]);
    expect(held).toBe('nothing');
    links.setToxics('checkout', 'risk', []);
    socket.write('ping\n');
    expect(await answer()).toMatch(/pong/);
    expect(links.stats()[0]?.stats.bytesDiscarded).toBe(5);

    await links.close();
    socket.destroy();
    // A closed server's handle goes at the next turns of the event loop: give it a second.
    for (let i = 0; i < 100 && listeners() > before; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(listeners()).toBe(before);
  });
});
