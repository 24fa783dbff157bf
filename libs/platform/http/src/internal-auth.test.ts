import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closeServer,
  INTERNAL_AUTH_HEADER,
  internalAuthHeaders,
  listen,
  newInternalSecret,
  requireInternalSecret,
} from './index.js';

const secret = newInternalSecret();
let server: Server;
let origin: string;

beforeAll(async () => {
  const app = express();
  app.use(requireInternalSecret(secret));
  app.get('/metrics', (_req, res) => {
    res.json({ served: true });
  });
  server = await listen(app, '127.0.0.1', 0);
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => closeServer(server));

async function get(headers: Record<string, string>) {
  const reply = await request(`${origin}/metrics`, { headers });
  const body = (await reply.body.json()) as { served?: boolean; error?: { code: string } };
  return { status: reply.statusCode, body };
}

const refused = { status: 403, body: { error: { code: 'internal_auth_failed' } } };

describe('the internal listener guard', () => {
  it('makes a different 64-hex-character secret at every start', () => {
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect(newInternalSecret()).not.toBe(secret);
  });

  it('lets a caller with the secret through', async () => {
    expect(await get(internalAuthHeaders(secret))).toEqual({ status: 200, body: { served: true } });
  });

  it('answers 401 without the header', async () => {
    expect(await get({})).toMatchObject({ status: 401, body: { error: { code: 'internal_auth_required' } } });
  });

  it('answers 403 to a wrong secret of the same length', async () => {
    const wrong = `${secret.slice(0, -1)}${secret.endsWith('0') ? '1' : '0'}`;
    expect(await get({ [INTERNAL_AUTH_HEADER]: wrong })).toMatchObject(refused);
  });

  it.each([
    ['shorter', () => secret.slice(0, 10)],
    ['longer', () => `${secret}00`],
    ['a prefix of the secret', () => secret.slice(0, 63)],
  ])('answers 403 to a secret of another length (%s)', async (_label, value) => {
    expect(await get({ [INTERNAL_AUTH_HEADER]: value() })).toMatchObject(refused);
  });

  it('refuses to guard with a short secret', () => {
    expect(() => requireInternalSecret('short')).toThrow(/at least 32 bytes/);
  });
});
