import { describe, expect, it } from 'vitest';
import { CPU_CATEGORIES, type V8CpuProfile, type V8ProfileNode } from './cpu-profile-types.js';
import { apportion, shortUrl, summarizeCpuProfile } from './summarize-cpu-profile.js';

const ROOT = 'file:///work/main';
let nextId = 1;
function node(
  functionName: string,
  url: string,
  children: V8ProfileNode[] = [],
): V8ProfileNode & { all: V8ProfileNode[] } {
  const self: V8ProfileNode = {
    id: nextId++,
    callFrame: { functionName, url, scriptId: '0', lineNumber: 9, columnNumber: 0 },
    children: children.map((c) => c.id),
  };
  return {
    ...self,
    all: [self, ...children.flatMap((c) => (c as V8ProfileNode & { all?: V8ProfileNode[] }).all ?? [c])],
  };
}

/** A tree with one node per category (and idle), each hit by `hits[i]` samples 1 ms apart. */
function syntheticProfile() {
  const socketWrite = node('writev', '');
  const res = node('stringify', `${ROOT}/node_modules/express/lib/response.js`);
  const sql = node('get', '');
  const store = node('segmentOf', `${ROOT}/libs/payments/risk/dist/risk-store.js`, [sql]);
  const pino = node('_asJson', `${ROOT}/node_modules/pino/lib/tools.js`);
  const business = node('assess', `${ROOT}/libs/payments/risk/dist/risk-module.js`, [store, pino]);
  const express = node('handle', `${ROOT}/node_modules/express/lib/application.js`, [business, res, socketWrite]);
  const undici = node('writeH1', `${ROOT}/node_modules/undici/lib/dispatcher/client-h1.js`);
  const timers = node('listOnTimeout', 'node:internal/timers');
  const gc = node('(garbage collector)', '');
  const idle = node('(idle)', '');
  const root = node('(root)', '', [express, undici, timers, gc, idle]);
  const hits: [V8ProfileNode, number][] = [
    [business, 5], // business
    [express, 3], // httpServer
    [socketWrite, 2], // httpServer, through its caller
    [undici, 4], // httpClient
    [res, 1], // json
    [pino, 2], // logging
    [sql, 3], // database
    [timers, 1], // other: generic at the root
    [gc, 2], // other
    [idle, 10], // idle
  ];
  const samples = hits.flatMap(([n, count]) => Array.from({ length: count }, () => n.id));
  const profile: V8CpuProfile = {
    nodes: root.all,
    startTime: 1_000_000,
    endTime: 1_000_000 + samples.length * 1000,
    samples,
    timeDeltas: samples.map((_, i) => (i === 0 ? 0 : 1000)),
  };
  return profile;
}

describe('summarizeCpuProfile', () => {
  it('shares the measured main-thread CPU out by samples, idle apart, and the categories add up to the total exactly', () => {
    // 23 busy samples; 23 ms of CPU: one ms per sample.
    const figures = summarizeCpuProfile(syntheticProfile(), { cpuUs: 23_000, samplingIntervalUs: 1000 });
    expect(figures).toMatchObject({ samples: 33, busySamples: 23, busyUs: 23_000, busySource: 'thread-cpu' });
    expect(figures.categories).toEqual({
      business: 5000,
      httpServer: 5000,
      httpClient: 4000,
      json: 1000,
      logging: 2000,
      database: 3000,
      other: 3000,
    });
    // Idle is wall time: the gaps after the (idle) samples (1 ms each; the last one runs to the end).
    expect(figures.idleUs).toBe(10_000);
    expect(CPU_CATEGORIES.reduce((sum, c) => sum + figures.categories[c], 0)).toBe(figures.busyUs);
  });

  it('keeps the sum exact when the CPU does not divide evenly, and gives the remainder to the largest fractions', () => {
    const figures = summarizeCpuProfile(syntheticProfile(), { cpuUs: 10_007, samplingIntervalUs: 1000 });
    expect(CPU_CATEGORIES.reduce((sum, c) => sum + figures.categories[c], 0)).toBe(10_007);
    // 5 of 23 samples are business: 2175.43 us; the floors leave 2 us, which go to the largest
    // fractions (.43: business and HTTP server).
    expect(figures.categories).toMatchObject({ business: 2176, httpServer: 2176, httpClient: 1740, json: 435 });
    expect(
      apportion(7, { business: 1, httpServer: 1, httpClient: 1, json: 0, logging: 0, database: 0, other: 0 }),
    ).toEqual({ business: 3, httpServer: 2, httpClient: 2, json: 0, logging: 0, database: 0, other: 0 });
    expect(
      apportion(5, { business: 0, httpServer: 0, httpClient: 0, json: 0, logging: 0, database: 0, other: 0 }).other,
    ).toBe(5);
  });

  it('counts samples, not their wall-clock gaps: time the thread waited for the core is not CPU', () => {
    const profile = syntheticProfile();
    // Irregular, long and out-of-order gaps change nothing: each busy sample is one share.
    profile.timeDeltas = (profile.timeDeltas ?? []).map((_, i) => [997, 1003, 9500, -20, 2, 1211][i % 6] as number);
    const figures = summarizeCpuProfile(profile, { cpuUs: 23_000, samplingIntervalUs: 1000 });
    expect(figures.categories).toEqual({
      business: 5000,
      httpServer: 5000,
      httpClient: 4000,
      json: 1000,
      logging: 2000,
      database: 3000,
      other: 3000,
    });
    expect(figures.idleUs).toBeGreaterThan(0);
  });

  it('without a CPU measurement, counts busy samples x the sampling interval', () => {
    const figures = summarizeCpuProfile(syntheticProfile(), { samplingIntervalUs: 500 });
    expect(figures).toMatchObject({ busyUs: 11_500, busySource: 'samples' });
    expect(CPU_CATEGORIES.reduce((sum, c) => sum + figures.categories[c], 0)).toBe(11_500);
  });

  it('lists the hottest functions with repository-relative URLs and 1-based lines', () => {
    const { top } = summarizeCpuProfile(syntheticProfile(), { cpuUs: 23_000, samplingIntervalUs: 1000, top: 3 });
    expect(top).toHaveLength(3);
    expect(top[0]).toEqual({
      functionName: 'assess',
      url: 'libs/payments/risk/dist/risk-module.js',
      line: 10,
      category: 'business',
      selfUs: 5000,
    });
    expect(top.every((f, i) => i === 0 || (top[i - 1] as { selfUs: number }).selfUs >= f.selfUs)).toBe(true);
  });

  it('names the application code that called a native function', () => {
    const { top } = summarizeCpuProfile(syntheticProfile(), { cpuUs: 23_000, samplingIntervalUs: 1000 });
    expect(top.find((f) => f.functionName === 'writev')).toMatchObject({
      url: '',
      category: 'httpServer',
      via: 'handle node_modules/express/lib/application.js:10',
    });
    expect(top.find((f) => f.functionName === 'get')).toMatchObject({
      category: 'database',
      via: 'segmentOf libs/payments/risk/dist/risk-store.js:10',
    });
  });

  it('handles an empty profile', () => {
    const figures = summarizeCpuProfile(
      { nodes: [], startTime: 0, endTime: 0, samples: [], timeDeltas: [] },
      { cpuUs: 0, samplingIntervalUs: 1000 },
    );
    expect(figures).toMatchObject({ samples: 0, busyUs: 0, idleUs: 0, top: [] });
  });

  it('shortens URLs to the repository', () => {
    expect(shortUrl('file:///home/x/paybench/node_modules/express/index.js')).toBe('node_modules/express/index.js');
    expect(shortUrl('file:///home/x/paybench/libs/payments/risk/dist/a.js')).toBe('libs/payments/risk/dist/a.js');
    expect(shortUrl('node:net')).toBe('node:net');
  });
});
