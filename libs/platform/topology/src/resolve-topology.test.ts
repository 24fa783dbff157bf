import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  isLoopbackHost,
  loadTopology,
  PAYMENT_MODULES,
  processConfigFor,
  readProcessConfig,
  PROCESS_CONFIG_ENV,
  resolveTopology,
} from './index.js';

describe('built-in topologies', () => {
  it.each(['monolith', 'microservices', 'extract-risk'])('%s hosts every module exactly once', (name) => {
    const hosted = loadTopology(name).processes.flatMap((p) => p.modules);
    expect([...hosted].sort()).toEqual([...PAYMENT_MODULES].sort());
  });

  it('picks apps: monolith for several modules, <module>-service for one', () => {
    const t = resolveTopology(loadTopology('extract-risk'), { dataDir: '/d' });
    expect(t.processes.map((p) => [p.name, p.app])).toEqual([
      ['core', 'monolith'],
      ['risk', 'risk-service'],
    ]);
    expect(t.entry.name).toBe('core');
    expect(t.moduleUrls['risk']).toBe('http://127.0.0.1:3101');
  });

  it('binds to loopback and assigns public and internal ports per process', () => {
    const t = resolveTopology(loadTopology('microservices'), { dataDir: '/d', basePort: 4000 });
    expect(t.processes.every((p) => p.host === '127.0.0.1')).toBe(true);
    expect(t.processes.map((p) => [p.name, p.port])).toEqual([
      ['auth', 4001],
      ['funding', 4002],
      ['orders', 4003],
      ['risk', 4004],
      ['checkout', 4000],
    ]);
    expect(t.entry).toMatchObject({ modules: ['checkout'], url: 'http://127.0.0.1:4000', internalUrl: 'http://127.0.0.1:4100' });
    expect(t.processes[0]?.databaseFile).toBe('/d/auth.db');
  });

  it('keeps internal listeners on loopback when the public API binds to every address', () => {
    const t = resolveTopology(loadTopology('microservices'), { dataDir: '/d', basePort: 4000, host: '0.0.0.0' });
    expect(t.processes.every((p) => p.host === '0.0.0.0' && p.internalHost === '127.0.0.1')).toBe(true);
    expect(t.moduleUrls['risk']).toBe('http://127.0.0.1:4104');
    const opened = resolveTopology(loadTopology('monolith'), { dataDir: '/d', internalHost: '10.1.2.3' });
    expect(opened.entry.internalUrl).toBe('http://10.1.2.3:3100');
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

  it('accepts any partition from a file', () => {
    const file = write('two.json', { name: 'two', processes: [{ name: 'a', modules: ['auth', 'checkout'] }, { name: 'b', modules: ['risk', 'funding', 'orders'] }] });
    expect(resolveTopology(loadTopology(file), { dataDir: dir }).entry.name).toBe('a');
  });

  it('names the file and the field of a module hosted twice', () => {
    const file = write('dup.json', { name: 'dup', processes: [{ name: 'a', modules: ['risk'] }, { name: 'b', modules: ['risk'] }] });
    expect(() => loadTopology(file)).toThrow(/dup\.json[\s\S]*processes\.1\.modules\.0: module "risk" is already hosted by process "a"/);
  });

  it('rejects an unknown name with the list of built-ins', () => {
    expect(() => loadTopology('mesh')).toThrow(/monolith, microservices, extract-risk/);
  });
});

describe('process config', () => {
  it('round-trips through the environment', () => {
    const t = resolveTopology(loadTopology('monolith'), { dataDir: '/d' });
    const config = processConfigFor(t, t.entry, { settings: { seed: 1 }, internalSecret: 'a'.repeat(64), nonce: 'b'.repeat(32) });
    expect(readProcessConfig({ [PROCESS_CONFIG_ENV]: JSON.stringify(config) })).toEqual(config);
  });

  it('explains how processes are meant to be started when the config is missing', () => {
    expect(() => readProcessConfig({})).toThrow(/started by the runtime/);
  });

  it('refuses a config without the internal secret: an internal listener is never left open', () => {
    const t = resolveTopology(loadTopology('monolith'), { dataDir: '/d' });
    const config = processConfigFor(t, t.entry, { settings: {}, internalSecret: 'a'.repeat(64), nonce: 'b'.repeat(32) });
    const { internalSecret: _dropped, ...withoutSecret } = config;
    expect(() => readProcessConfig({ [PROCESS_CONFIG_ENV]: JSON.stringify(withoutSecret) })).toThrow(/internalSecret/);
  });
});
