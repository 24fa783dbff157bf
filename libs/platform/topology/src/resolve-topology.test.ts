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
// (one module serves the public API; an app that hosts them all, one app per module, and one for a pair;
// every module together, every module apart, one extracted).
const MODULES = ['alpha', 'beta', 'gamma', 'delta', 'front'];
const catalog = TopologyCatalog.parse({
  modules: MODULES,
  entryModule: 'front',
  apps: {
    whole: MODULES,
    ...Object.fromEntries(MODULES.map((m) => [`${m}-solo`, [m]])),
    pair: ['beta', 'alpha'],
  },
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
  it("runs each process on the catalog's app: the one hosting exactly its modules, else the one hosting all", () => {
    const t = resolveTopology(loadTopology('extract-delta'), { dataDir: '/d' });
    expect(t.processes.map((p) => [p.name, p.app])).toEqual([
      ['core', 'whole'],
      ['delta', 'delta-solo'],
    ]);
    expect(resolveTopology(loadTopology('together'), { dataDir: '/d' }).entry.app).toBe('whole');
    const apart = resolveTopology(loadTopology('apart'), { dataDir: '/d' });
    expect(apart.processes.map((p) => p.app)).toEqual(MODULES.map((m) => `${m}-solo`));
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

  it("runs a file's processes on the catalog's apps: a custom partition on the app hosting them all", () => {
    const file = write('apps.json', {
      name: 'apps',
      processes: [
        { name: 'mixed', modules: ['gamma', 'front'] },
        { name: 'pair', modules: ['beta', 'alpha'] },
        { name: 'one', modules: ['delta'] },
      ],
    });
    const t = resolveTopology(loadTopology(file), { dataDir: dir });
    expect(t.processes.map((p) => [p.name, p.app])).toEqual([
      ['mixed', 'whole'],
      ['pair', 'pair'],
      ['one', 'delta-solo'],
    ]);
  });

  it('runs a process on the app it names, whatever the catalog would pick', () => {
    const file = write('named.json', { name: 'named', processes: [{ name: 'a', modules: ['alpha'], app: 'whole' }] });
    expect(resolveTopology(loadTopology(file), { dataDir: dir }).entry.app).toBe('whole');
  });

  it('names the file, the process, its modules and the apps when no app can run it', () => {
    const small = TopologyCatalog.parse({
      modules: ['alpha', 'beta', 'gamma'],
      entryModule: 'alpha',
      apps: { ab: ['alpha', 'beta'], 'gamma-solo': ['gamma'] },
      builtIns: [
        {
          name: 'two',
          processes: [
            { name: 'ab', modules: ['alpha', 'beta'] },
            { name: 'g', modules: ['gamma'] },
          ],
        },
      ],
    });
    const file = write('no-app.json', {
      name: 'no-app',
      processes: [
        { name: 'a', modules: ['alpha', 'gamma'] },
        { name: 'b', modules: ['beta'] },
      ],
    });
    expect(() => loadFrom(file, small)).toThrow(
      `invalid topology file ${file}:\n` +
        '  processes.0: no app can host process "a" (modules alpha, gamma): the apps are ab (alpha, beta), ' +
        'gamma-solo (gamma); split the process or name its "app"',
    );
  });

  it('names the apps when several can run a process and none hosts exactly its modules', () => {
    const overlapping = TopologyCatalog.parse({
      modules: ['alpha', 'beta', 'gamma'],
      entryModule: 'alpha',
      apps: { left: ['alpha', 'beta'], right: ['alpha', 'gamma'] },
      builtIns: [{ name: 'left', processes: [{ name: 'left', modules: ['alpha', 'beta'] }] }],
    });
    const file = write('ambiguous.json', { name: 'ambiguous', processes: [{ name: 'a', modules: ['alpha'] }] });
    expect(() => loadFrom(file, overlapping)).toThrow(
      'processes.0: 2 apps can host process "a" (modules alpha) and none exactly those: left, right',
    );
  });

  it('refuses to resolve a topology whose processes have no app (one not loaded through the catalog)', () => {
    const spec = { name: 'raw', processes: [{ name: 'a', modules: ['alpha'] }] };
    expect(() => resolveTopology(spec, { dataDir: dir })).toThrow('process "a" of topology raw names no app');
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

  it('keeps the replicas a process asks for (a Kubernetes deployment runs them), and names a bad count', () => {
    const processes = [
      { name: 'a', modules: ['alpha', 'beta'], replicas: 3 },
      { name: 'b', modules: ['gamma', 'front', 'delta'] },
    ];
    const spec = loadTopology(write('replicas.json', { name: 'replicas', processes }));
    expect(spec.processes.map((p) => p.replicas)).toEqual([3, undefined]);
    const zero = write('zero.json', { name: 'zero', processes: [{ ...processes[0], replicas: 0 }, processes[1]] });
    expect(() => loadTopology(zero)).toThrow(/zero\.json[\s\S]*processes\.0\.replicas: Too small/);
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
      apps: { one: ['alpha'] },
      builtIns: [{ name: 'one', processes: [{ name: 'one', modules: ['alpha', 'beta'] }] }],
    });
    const problems = [
      'entryModule: "front" is not one of the modules',
      'builtIns.0.processes.0.modules.1: unknown module "beta": the modules are alpha',
    ];
    expect(() => loadTopologyCatalog(file)).toThrow(`invalid topology catalog ${file}:\n  ${problems.join('\n  ')}`);
  });

  it('names every bad app: an unknown module, a module twice, the same modules as another app', () => {
    const file = write({
      modules: ['alpha', 'beta'],
      entryModule: 'alpha',
      apps: { both: ['alpha', 'beta'], typo: ['alpha', 'btea'], twice: ['beta', 'beta'], again: ['beta', 'alpha'] },
      builtIns: [{ name: 'one', processes: [{ name: 'one', modules: ['alpha', 'beta'] }] }],
    });
    const problems = [
      'apps.typo.1: unknown module "btea": the modules are alpha, beta',
      'apps.twice.1: module "beta" is listed twice',
      'apps.again: hosts the same modules as app "both"',
    ];
    expect(() => loadTopologyCatalog(file)).toThrow(`invalid topology catalog ${file}:\n  ${problems.join('\n  ')}`);
  });

  it('names a built-in process that no app can run', () => {
    const file = write({
      modules: ['alpha', 'beta'],
      entryModule: 'alpha',
      apps: { 'alpha-solo': ['alpha'], 'beta-solo': ['beta'] },
      builtIns: [{ name: 'one', processes: [{ name: 'one', modules: ['alpha', 'beta'] }] }],
    });
    expect(() => loadTopologyCatalog(file)).toThrow(
      'builtIns.0.processes.0: no app can host process "one" (modules alpha, beta): the apps are alpha-solo (alpha), ' +
        'beta-solo (beta)',
    );
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
