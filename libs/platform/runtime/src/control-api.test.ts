import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveRuntimeControl } from './control-api.js';
import type { RunningTopology } from './supervisor.js';

const calls: string[] = [];
const running = {
  topology: { name: 'fake', processes: [] },
  driverStats: () => ({ only: { mode: 'blocking' } }),
  setLogOptions: async (change: { driverMode?: string }) => {
    calls.push(`driver ${change.driverMode}`);
  },
  setModuleFaults: async (module: string, faults: unknown[]) => {
    calls.push(`faults ${module} ${JSON.stringify(faults)}`);
    return { process: 'risk', applied: true };
  },
  crashModule: async (module: string, options: { restartAfterMs?: number }) => {
    if (module !== 'risk') throw new Error(`no process of topology fake hosts module "${module}"`);
    calls.push(`crash ${module} ${options.restartAfterMs ?? '-'}`);
    return { record: { process: 'risk', module } };
  },
  restart: async (name: string) => {
    if (name !== 'risk') throw new Error(`no process "${name}" in topology fake`);
    calls.push(`restart ${name}`);
  },
} as unknown as RunningTopology;

let server: Server;
let port: number;

beforeAll(async () => {
  server = await serveRuntimeControl(running, 0);
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

async function send(method: 'PUT' | 'POST', path: string, headers: Record<string, string> = {}, body?: string) {
  const sent = body === undefined ? {} : { body };
  const reply = await request(`http://127.0.0.1:${port}${path}`, { method, headers, ...sent });
  return { status: reply.statusCode, body: (await reply.body.json()) as Record<string, unknown> };
}

const json = { 'content-type': 'application/json' };

describe('the runtime control API', () => {
  it('changes the drivers and restarts a process for a command-line client', async () => {
    calls.length = 0;
    expect(await send('PUT', '/logs/drivers', json, '{"mode":"non-blocking"}')).toMatchObject({ status: 200 });
    expect(await send('POST', '/processes/risk/restart')).toEqual({ status: 200, body: { restarted: 'risk' } });
    const unknown = await send('POST', '/processes/nope/restart');
    expect(unknown).toMatchObject({ status: 404, body: { error: { code: 'control_failed' } } });
    expect(calls).toEqual(['driver non-blocking', 'restart risk']);
  });

  const change = '{"mode":"non-blocking"}';
  it.each([
    ['malformed JSON', json, '{"mode":', 400, 'malformed_json'],
    [
      'a text/plain body (a cross-origin request)',
      { 'content-type': 'text/plain' },
      change,
      415,
      'unsupported_media_type',
    ],
    ['another name in Host (DNS rebinding)', { ...json, host: 'evil.example:3090' }, change, 403, 'forbidden_host'],
  ])('answers %s and changes nothing', async (_label, headers, body, status, code) => {
    calls.length = 0;
    expect(await send('PUT', '/logs/drivers', headers, body)).toMatchObject({ status, body: { error: { code } } });
    expect(calls).toEqual([]);
  });

  it('refuses a restart posted by a web page of another origin', async () => {
    calls.length = 0;
    const posted = await send('POST', '/processes/risk/restart', { origin: 'http://evil.example' });
    expect(posted).toMatchObject({ status: 403, body: { error: { code: 'forbidden_origin' } } });
    expect(calls).toEqual([]);
  });

  it('sets module faults and crashes a module, refusing bad bodies with the field named', async () => {
    calls.length = 0;
    const faults = '{"faults":[{"type":"latency","ms":200,"jitterMs":50}]}';
    expect(await send('PUT', '/modules/risk/faults', json, faults)).toEqual({
      status: 200,
      body: { process: 'risk', applied: true },
    });
    const bad = await send('PUT', '/modules/risk/faults', json, '{"faults":[{"type":"errors","rate":2}]}');
    expect(bad).toMatchObject({ status: 400, body: { error: { code: 'invalid_request' } } });
    expect(JSON.stringify(bad.body)).toMatch(/faults\.0\.rate/);
    expect(await send('POST', '/modules/risk/crash', json, '{"restartAfterMs":500}')).toMatchObject({
      status: 200,
      body: { process: 'risk', module: 'risk' },
    });
    expect((await send('POST', '/modules/risk/crash', json, '{"restartAfterMs":-1}')).status).toBe(400);
    expect((await send('POST', '/modules/fraud/crash')).status).toBe(404);
    expect(calls).toEqual(['faults risk [{"type":"latency","ms":200,"jitterMs":50}]', 'crash risk 500']);
  });
});
