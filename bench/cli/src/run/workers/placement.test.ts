import { describe, expect, it } from 'vitest';
import { cpusOf, placeWorkers, resolveWorkerCount } from './local-workers.js';
import { parseWorkerAddress } from './remote-workers.js';

describe('where local generator workers run', () => {
  it('reads taskset CPU lists', () => {
    expect(cpusOf('0')).toEqual([0]);
    expect(cpusOf('0-3')).toEqual([0, 1, 2, 3]);
    expect(cpusOf('0,2-3')).toEqual([0, 2, 3]);
  });

  it('makes auto one worker per CPU of the load side, and one without pinning', () => {
    expect(resolveWorkerCount('auto', '0-2')).toBe(3);
    expect(resolveWorkerCount('auto', null)).toBe(1);
    expect(resolveWorkerCount(undefined, '0-2')).toBe(1);
    expect(resolveWorkerCount(4, '0')).toBe(4);
  });

  it('gives each worker a CPU of its own when there are enough, else shares the load side, and says which', () => {
    expect(placeWorkers(2, '0-3')).toEqual({ placement: 'own-cores', cpuLists: ['0', '1'] });
    expect(placeWorkers(2, '0')).toEqual({ placement: 'shared-cores', cpuLists: ['0', '0'] });
    expect(placeWorkers(2, null)).toEqual({ placement: 'unpinned', cpuLists: [null, null] });
  });
});

describe('remote worker addresses', () => {
  it('takes host:port and [ipv6]:port, port 0 only for a listener', () => {
    expect(parseWorkerAddress('10.0.0.5:7100')).toEqual({ host: '10.0.0.5', port: 7100 });
    expect(parseWorkerAddress('[::1]:7100')).toEqual({ host: '::1', port: 7100 });
    expect(() => parseWorkerAddress('host')).toThrow(/not a worker address/);
    expect(() => parseWorkerAddress('host:0')).toThrow(/not a worker address/);
    expect(parseWorkerAddress('127.0.0.1:0', { anyPort: true })).toEqual({ host: '127.0.0.1', port: 0 });
  });
});
