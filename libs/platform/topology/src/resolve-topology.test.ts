import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  isLoopbackHost,
  loadTopology as loadFrom,
  loadTopologyCatalog,
  processConfigFor,
  readProcessConfig,
  PROCESS_CONFIG_ENV,
  resolveTopology,
  TopologyCatalog,
} from './index.js';

// Platform knows no system's modules: these tests bring a catalog of their own, shaped like a real one
// (one module serves the public API; every module together, every module apart, one extracted).
const MODULES = ['alpha', 'beta', 'gamma', 'delta', 'front'];
const catalog = TopologyCatalog.parse({
  modules: MODULES,
  entryModule: 'front',
  builtIns: [
    { name: 'together', processes: [{ name: 'together', modules: MODULES }] },
    { name: 'apart', processes: MODULES.map((m) => ({ name: m, modules: [m] })), entry: 'front' },
    {
      name: 'extract-delta',
      processes: [
        { name: 'core', modules: ['alpha', 'beta', 'gamma', 'front'] },
        { name: 'delta', modules: ['delta'] },
      ],
      entry: 'core',
    },
  ],
});
const loadTopology = (nameOrFile: string) => loadFrom(nameOrFile, catalog);

describe('built-in topologies', () => {
  it('picks apps: monolith for several modules, <module>-service for one', () => {
    const t = resolveTopology(loadTopology('extract-delta'), { dataDir: '/d' });
    expect(t.processes.map((p) => [p.name, p.app])).toEqual([
      ['core', 'monolith'],
      ['delta', 'delta-service'],
    ]);
    expect(t.entry.name).toBe('core');
    expect(t.moduleUrls['delta']).toBe('http://127.0.0.1:3101');
  });

  it('binds to loopback and assigns public and internal ports per process', () => {
    const t = resolveTopology(loadTopology('apart'), { dataDir: '/d', basePort: 4000 });
    expect(t.processes.every((p) => p.host === '127.0.0.1')).toBe(true);
    expect(t.processes.map((p) => [p.name, p.port])).toEqual([
      ['alpha', 4001],
      ['beta', 4002],
      ['gamma', 4003],
      ['delta', 4004],
      ['front', 4000],
    ]);
    expect(t.entry).toMatchObject({
      modules: ['front'],
      url: 'http://127.0.0.1:4000',
      internalUrl: 'http://127.0.0.1:4100',
    });
    expect(t.processes[0]?.databaseFile).toBe('/d/alpha.db');
  });

  it('keeps internal listeners on loopback when the public API binds to every address', () => {
    const t = resolveTopology(loadTopology('apart'), { dataDir: '/d', basePort: 4000, host: '0.0.0.0' });
    expect(t.processes.every((p) => p.host === '0.0.0.0' && p.internalHost === '127.0.0.1')).toBe(true);
    expect(t.moduleUrls['delta']).toBe('http://127.0.0.1:4104');
    const opened = resolveTopology(loadTopology('together'), { dataDir: '/d', internalHost: '10.1.2.3' });
    expect(opened.entry.internalUrl).toBe('http://10.1.2.3:3100');
  });

  it('serves the public API from the process hosting the entry module when none is named', () => {
    expect(loadTopology('together').entry).toBe('together');
  });

  it.each([
    ['127.0.0.1', true],
    ['127.8.9.10', true],
    ['localhost', true],
    ['::1', true],
    ['[::1]', true],
    ['0.0.0.0', false],
    ['::', false],
    ['10.0.0.5', false],
    ['example.com', false],
  ])('isLoopbackHost(%s) is %s', (host, loopback) => {
    expect(isLoopbackHost(host)).toBe(loopback);
  });
});

describe('topology files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'paybench-topology-'));
  const write = (name: string, value: unknown) => {
    const file = join(dir, name);
    writeFileSync(file, JSON.stringify(value));
    return file;
  };

  it('accepts any partition from a file, its entry the process hosting the entry module', () => {
    const file = write('two.json', {
      name: 'two',
      processes: [
        { name: 'a', modules: ['alpha', 'beta'] },
        { name: 'b', modules: ['gamma', 'front', 'delta'] },
      ],
    });
    expect(resolveTopology(loadTopology(file), { dataDir: dir }).entry.name).toBe('b');
  });

  it('names the file and the field of a module hosted twice', () => {
    const processes = [
      { name: 'a', modules: ['delta'] },
      { name: 'b', modules: ['delta'] },
    ];
    const file = write('dup.json', { name: 'dup', processes });
    expect(() => loadTopology(file)).toThrow(/dup\.json[\s\S]*processes\.1\.modules\.0: module "delta" is already/);
    expect(() => loadTopology(file)).toThrow('module "delta" is already hosted by process "a"');
  });

  it('names the file and the field of a module the catalog does not know', () => {
    const file = write('typo.json', { name: 'typo', processes: [{ name: 'a', modules: ['alpha', 'detla'] }] });
    expect(() => loadTopology(file)).toThrow(
      /typo\.json[\s\S]*processes\.0\.modules\.1: unknown module "detla": the modules are alpha, beta, gamma/,
    );
  });

  it('rejects an unknown name with the list of built-ins', () => {
    expect(() => loadTopology('mesh')).toThrow(/use one of together, apart, extract-delta or a \.json file/);
  });
});

describe('topology catalogs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'paybench-catalog-'));
  const write = (value: unknown) => {
    const file = join(dir, 'catalog.json');
    writeFileSync(file, JSON.stringify(value));
    return file;
  };

  it('loads a catalog file', () => {
    expect(loadTopologyCatalog(write(catalog))).toEqual(catalog);
  });

  it('names the file and every bad field: an entry module, or a built-in module, that is not a module', () => {
    const file = write({
      modules: ['alpha'],
      entryModule: 'front',
      builtIns: [{ name: 'one', processes: [{ name: 'one', modules: ['alpha', 'beta'] }] }],
    });
    const problems = [
      'entryModule: "front" is not one of the modules',
      'builtIns.0.processes.0.modules.1: unknown module "beta": the modules are alpha',
    ];
    expect(() => loadTopologyCatalog(file)).toThrow(`invalid topology catalog ${file}:\n  ${problems.join('\n  ')}`);
  });
});

describe('process config', () => {
  it('round-trips through the environment', () => {
    const t = resolveTopology(loadTopology('together'), { dataDir: '/d' });
    const config = processConfigFor(t, t.entry, {
      settings: { seed: 1 },
      internalSecret: 'a'.repeat(64),
      nonce: 'b'.repeat(32),
    });
    expect(readProcessConfig({ [PROCESS_CONFIG_ENV]: JSON.stringify(config) })).toEqual(config);
  });

  it('explains how processes are meant to be started when the config is missing', () => {
    expect(() => readProcessConfig({})).toThrow(/started by the runtime/);
  });

  it('refuses a config without the internal secret: an internal listener is never left open', () => {
    const t = resolveTopology(loadTopology('together'), { dataDir: '/d' });
    const config = processConfigFor(t, t.entry, {
      settings: {},
      internalSecret: 'a'.repeat(64),
      nonce: 'b'.repeat(32),
    });
    const { internalSecret: _dropped, ...withoutSecret } = config;
    expect(() => readProcessConfig({ [PROCESS_CONFIG_ENV]: JSON.stringify(withoutSecret) })).toThrow(/internalSecret/);
  });
});
