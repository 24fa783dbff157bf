import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeServer, controlGuard, listen } from './index.js';

let server: Server;
let port: number;

beforeAll(async () => {
  const app = express();
  app.use(controlGuard({ bodyLimit: '1kb' }));
  app.put('/config', (req, res) => {
    res.json({ got: req.body as unknown });
  });
  app.post('/restart', (_req, res) => {
    res.json({ restarted: true });
  });
  server = await listen(app, '127.0.0.1', 0);
  port = (server.address() as AddressInfo).port;
});
afterAll(() => closeServer(server));

type Sent = { headers?: Record<string, string>; body?: string };

async function send(method: 'PUT' | 'POST', path: string, options: Sent = {}) {
  const reply = await request(`http://127.0.0.1:${port}${path}`, { method, ...options });
  return { status: reply.statusCode, body: (await reply.body.json()) as { error?: { code: string; message: string } } };
}

const json = { 'content-type': 'application/json' };

describe('the control endpoints guard', () => {
  it('serves a JSON request from a command-line client', async () => {
    const sent = await send('PUT', '/config', { headers: json, body: '{"a":1}' });
    expect(sent).toEqual({ status: 200, body: { got: { a: 1 } } });
    expect(await send('POST', '/restart')).toEqual({ status: 200, body: { restarted: true } });
  });

  it.each(['localhost', '[::1]', 'LOCALHOST'])('accepts the loopback name %s with the port', async (name) => {
    expect((await send('POST', '/restart', { headers: { host: `${name}:${port}` } })).status).toBe(200);
  });

  it('answers malformed JSON with 400 and the error body, not 500', async () => {
    const { status, body } = await send('PUT', '/config', { headers: json, body: '{"a":' });
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: 'malformed_json' });
  });

  it('answers an oversized body with 413', async () => {
    const body = JSON.stringify({ a: 'x'.repeat(2000) });
    expect(await send('PUT', '/config', { headers: json, body })).toMatchObject({ status: 413 });
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'])(
    'answers a %s body (a cross-origin simple request) with 415',
    async (type) => {
      const { status, body } = await send('PUT', '/config', { headers: { 'content-type': type }, body: '{"a":1}' });
      expect(status).toBe(415);
      expect(body.error?.code).toBe('unsupported_media_type');
    },
  );

  it.each(['evil.example', `evil.example:${port}`, `127.0.0.1.nip.io:${port}`, '127.0.0.1', '127.0.0.1:1'])(
    'answers Host %s (DNS rebinding) with 403',
    async (host) => {
      const { status, body } = await send('POST', '/restart', { headers: { host } });
      expect(status).toBe(403);
      expect(body.error?.code).toBe('forbidden_host');
    },
  );

  it('answers a bodiless POST from a web page of another origin with 403', async () => {
    const { status, body } = await send('POST', '/restart', { headers: { origin: 'http://evil.example' } });
    expect(status).toBe(403);
    expect(body.error?.code).toBe('forbidden_origin');
    expect((await send('POST', '/restart', { headers: { origin: `http://localhost:${port}` } })).status).toBe(200);
  });
});
