import {
  startFaultProxy,
  type FaultProxy,
  type FaultProxyStats,
  type ToxicInput,
} from '@paybench/platform-fault-proxy';
import type { ResolvedProcess, ResolvedTopology } from '@paybench/platform-topology';

/** A link a scenario may fault, named by module (caller -> callee) so one scenario fits every topology. */
export interface ModuleLink {
  readonly from: string;
  readonly to: string;
}

/** Where a module link lands in one topology: across two processes (proxied), or inside one (no network). */
export type PlacedLink =
  | { readonly kind: 'proxied'; readonly link: ModuleLink; readonly caller: string; readonly callee: string }
  | { readonly kind: 'in-process'; readonly link: ModuleLink; readonly process: string };

/** One proxy's figures at the end: the processes it joins and the module links that asked for it. */
export interface LinkProxyStats {
  readonly from: string;
  readonly to: string;
  readonly links: string[];
  /** Where the proxy listened during the cell (the caller's URL for the callee's modules). */
  readonly url: string;
  readonly stats: FaultProxyStats;
}

export const linkName = (link: ModuleLink): string => `${link.from}->${link.to}`;

/** Places each module link in the topology; an unknown module throws, naming it and the topology's modules. */
export function placeLinks(topology: ResolvedTopology, links: readonly ModuleLink[]): PlacedLink[] {
  const hostOf = (module: string): ResolvedProcess => {
    const host = topology.processes.find((p) => p.modules.includes(module));
    if (host) return host;
    const modules = topology.processes.flatMap((p) => p.modules).join(', ');
    throw new Error(`link to or from unknown module "${module}": topology ${topology.name} hosts ${modules}`);
  };
  const seen = new Set<string>();
  return links.flatMap((link): PlacedLink[] => {
    if (seen.has(linkName(link))) return [];
    seen.add(linkName(link));
    const caller = hostOf(link.from);
    const callee = hostOf(link.to);
    return caller === callee
      ? [{ kind: 'in-process', link, process: caller.name }]
      : [{ kind: 'proxied', link, caller: caller.name, callee: callee.name }];
  });
}

/** The note a cell records for the links the network cannot fault in this topology (none: no note). */
export function inProcessNote(topology: string, placed: readonly PlacedLink[]): string[] {
  const names = placed.filter((p) => p.kind === 'in-process').map((p) => linkName(p.link));
  if (names.length === 0) return [];
  const subject = names.length === 1 ? `link ${names[0]} is` : `links ${names.join(', ')} are`;
  return [`${subject} in-process in ${topology}: no network fault applied (it does not apply in-process)`];
}

export interface LinkProxies {
  /** The module URLs `process` must use instead of the topology's: its proxied callees' modules. */
  overridesFor(process: string): Record<string, string>;
  /** Sets a module link's toxics; `in-process` when it joins modules of one process (nothing to fault). */
  setToxics(from: string, to: string, toxics: readonly ToxicInput[]): 'proxied' | 'in-process';
  notes(): string[];
  stats(): LinkProxyStats[];
  close(): Promise<void>;
}

/**
 * One fault proxy per (caller process -> callee process) pair that some module link crosses, in front
 * of the callee's internal listener, with no toxic until told. Module links between the same two
 * processes share it: the caller reaches every module of the callee through one connection pool, so a
 * fault on one of them is a fault on the wire they share, as it would be on a real network.
 */
export async function startLinkProxies(topology: ResolvedTopology, links: readonly ModuleLink[]): Promise<LinkProxies> {
  const placed = placeLinks(topology, links);
  const proxies = new Map<string, { caller: string; callee: string; links: string[]; proxy: FaultProxy }>();
  try {
    for (const p of placed) {
      if (p.kind !== 'proxied') continue;
      const key = `${p.caller}->${p.callee}`;
      const existing = proxies.get(key);
      if (existing) {
        existing.links.push(linkName(p.link));
        continue;
      }
      const callee = topology.processes.find((q) => q.name === p.callee) as ResolvedProcess;
      const proxy = await startFaultProxy({ upstream: { host: callee.internalHost, port: callee.internalPort } });
      proxies.set(key, { caller: p.caller, callee: p.callee, links: [linkName(p.link)], proxy });
    }
  } catch (error) {
    await Promise.all([...proxies.values()].map((e) => e.proxy.close()));
    throw error;
  }
  const placedByName = new Map(placed.map((p) => [linkName(p.link), p]));
  return {
    overridesFor(process) {
      const overrides: Record<string, string> = {};
      for (const entry of proxies.values()) {
        if (entry.caller !== process) continue;
        const callee = topology.processes.find((q) => q.name === entry.callee) as ResolvedProcess;
        for (const module of callee.modules) overrides[module] = entry.proxy.url;
      }
      return overrides;
    },
    setToxics(from, to, toxics) {
      const p = placedByName.get(linkName({ from, to }));
      if (!p) throw new Error(`link ${from}->${to} was not named when topology ${topology.name} started`);
      if (p.kind === 'in-process') return 'in-process';
      (proxies.get(`${p.caller}->${p.callee}`) as { proxy: FaultProxy }).proxy.setToxics(toxics);
      return 'proxied';
    },
    notes() {
      return inProcessNote(topology.name, placed);
    },
    stats() {
      return [...proxies.values()].map((e) => ({
        from: e.caller,
        to: e.callee,
        links: [...e.links],
        url: e.proxy.url,
        stats: e.proxy.stats(),
      }));
    },
    async close() {
      await Promise.all([...proxies.values()].map((e) => e.proxy.close()));
    },
  };
}
