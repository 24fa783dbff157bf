import { TOPOLOGIES_FILE } from '@paybench/payments-dataset';
import { loadTopology, loadTopologyCatalog, resolveTopology } from '@paybench/platform-topology';
import { describe, expect, it } from 'vitest';
import { linkedModules } from './linked-modules.js';

const catalog = loadTopologyCatalog(TOPOLOGIES_FILE);

describe('monolith', () => {
  it('links every payment module the topologies know, so it can host any partition', () => {
    expect(linkedModules.map((m) => m.name).sort()).toEqual([...catalog.modules].sort());
  });

  it('links every module any linked module depends on', () => {
    const linked = new Set(linkedModules.map((m) => m.name));
    const needed = linkedModules.flatMap((m) => Object.keys(m.dependencies));
    expect(needed.filter((n) => !linked.has(n))).toEqual([]);
  });
});

describe('the built-in topologies of the payment flow', () => {
  it('are the five modules, served by checkout, deployed three ways', () => {
    expect(catalog.modules).toEqual(['auth', 'funding', 'orders', 'risk', 'checkout']);
    expect(catalog.entryModule).toBe('checkout');
    expect(catalog.builtIns.map((t) => t.name)).toEqual(['monolith', 'microservices', 'extract-risk']);
  });

  it.each(['monolith', 'microservices', 'extract-risk'])('%s hosts every module exactly once', (name) => {
    const hosted = loadTopology(name, catalog).processes.flatMap((p) => p.modules);
    expect([...hosted].sort()).toEqual([...catalog.modules].sort());
  });

  it.each([
    ['monolith', 'monolith', [['monolith', 'monolith']]],
    ['microservices', 'checkout', catalog.modules.map((m) => [m, `${m}-service`])],
    [
      'extract-risk',
      'core',
      [
        ['core', 'monolith'],
        ['risk', 'risk-service'],
      ],
    ],
  ])('%s serves the public API from %s on the base port, each process run by its app', (name, entry, apps) => {
    const topology = resolveTopology(loadTopology(name, catalog), { dataDir: '/d', basePort: 3000 });
    expect(topology.entry).toMatchObject({ name: entry, port: 3000 });
    expect(topology.processes.map((p) => [p.name, p.app])).toEqual(apps);
  });
});
