import type { Server } from 'node:http';
import express from 'express';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLoopback, mountCpuProfiler } from './cpu-profiler.js';

let server: Server;
let base: string;

beforeAll(async () => {
  // No body parser of the app's own: the profiler's guard parses (and refuses) bodies itself.
  const app = express();
  mountCpuProfiler(app);
  app.get('/work', (_req, res) => {
    let x = 0;
    for (let i = 0; i < 2e6; i++) x += Math.sqrt(i);
    res.json({ x });
  });
  server = app.listen(20_000 + Math.floor(Math.random() * 10_000), '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const post = async (path: string, body?: unknown) => {
  const reply = await request(`${base}${path}`, {
    method: 'POST',
    ...(body ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}),
  });
  return { status: reply.statusCode, body: (await reply.body.json()) as Record<string, unknown> };
};

describe('the CPU profiler endpoint', () => {
  it('profiles the main thread between start and stop and answers with a V8 CPU profile', async () => {
    expect(await post('/profile/cpu/start', { samplingIntervalUs: 200 })).toMatchObject({
      status: 200,
      body: { status: 'profiling', samplingIntervalUs: 200 },
    });
    expect(await post('/profile/cpu/start')).toMatchObject({
      status: 409,
      body: { error: { code: 'profile_running' } },
    });
    for (let i = 0; i < 5; i++) await (await request(`${base}/work`)).body.json();
    const { status, body } = await post('/profile/cpu/stop');
    expect(status).toBe(200);
    const { profile, cpu } = body as {
      profile: { nodes: unknown[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };
      cpu: { mainThreadUs: number; processUs: number };
    };
    expect(cpu.mainThreadUs).toBeGreaterThan(0);
    expect(cpu.processUs).toBeGreaterThan(0);
    expect(profile.nodes.length).toBeGreaterThan(1);
    expect(profile.samples.length).toBeGreaterThan(0);
    expect(profile.timeDeltas).toHaveLength(profile.samples.length);
    expect(profile.endTime).toBeGreaterThan(profile.startTime);
    expect(await post('/profile/cpu/stop')).toMatchObject({ status: 409, body: { error: { code: 'no_profile' } } });
  });

  it('refuses a bad sampling interval', async () => {
    expect(await post('/profile/cpu/start', { samplingIntervalUs: 1 })).toMatchObject({ status: 400 });
  });

  it.each([
    ['malformed JSON', { 'content-type': 'application/json' }, '{"samplingIntervalUs":', 400, 'malformed_json'],
    [
      'a body that is not JSON (a browser form or text/plain)',
      { 'content-type': 'text/plain' },
      '{"samplingIntervalUs":200}',
      415,
      'unsupported_media_type',
    ],
    [
      'another name in Host (DNS rebinding)',
      { 'content-type': 'application/json', host: 'evil.example:80' },
      '{}',
      403,
      'forbidden_host',
    ],
    ['a web page of another origin', { origin: 'http://evil.example' }, undefined, 403, 'forbidden_origin'],
  ])('refuses %s', async (_label, headers, body, status, code) => {
    const reply = await request(`${base}/profile/cpu/start`, {
      method: 'POST',
      headers,
      ...(body === undefined ? {} : { body }),
    });
    expect({ status: reply.statusCode, body: await reply.body.json() }).toMatchObject({
      status,
      body: { error: { code } },
    });
    // Nothing was started: a start with a good request works.
    expect(await post('/profile/cpu/start', { samplingIntervalUs: 500 })).toMatchObject({ status: 200 });
    expect(await post('/profile/cpu/stop')).toMatchObject({ status: 200 });
  });

  it('answers loopback clients only', () => {
    expect(isLoopback('127.0.0.1')).toBe(true);
    expect(isLoopback('::ffff:127.0.0.1')).toBe(true);
    expect(isLoopback('::1')).toBe(true);
    expect(isLoopback('10.0.0.5')).toBe(false);
    expect(isLoopback('::ffff:192.168.1.2')).toBe(false);
    expect(isLoopback(undefined)).toBe(false);
  });
});
