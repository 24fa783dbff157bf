// The malformed-request catalogue, sent to every topology: each answer is the documented
// status with a JSON error naming the problem; never a 500, never a crash.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { get, purchase } from './support/purchases.js';
import { startSystem, type System } from './support/start-system.js';

type Send = (url: string) => Promise<Response>;
const json = { 'content-type': 'application/json' };
const postRaw =
  (body: string | undefined, headers: Record<string, string> = json): Send =>
  (url) =>
    fetch(`${url}/v1/checkout`, { method: 'POST', headers, ...(body === undefined ? {} : { body }) });
const postJson = (value: unknown): Send => postRaw(JSON.stringify(value));
const valid = () => purchase('SE', 'pay_now');

const CATALOGUE: [string, Send, number, string, RegExp?][] = [
  ['truncated JSON', postRaw('{"merchantId": "m'), 400, 'malformed_json'],
  ['not JSON at all', postRaw('hello'), 400, 'malformed_json'],
  [
    'form-encoded body',
    postRaw('a=1', { 'content-type': 'application/x-www-form-urlencoded' }),
    415,
    'unsupported_media_type',
  ],
  ['text/plain body', postRaw('{}', { 'content-type': 'text/plain' }), 415, 'unsupported_media_type'],
  ['oversized body', postJson({ ...valid(), merchantId: 'm'.repeat(200_000) }), 413, 'payload_too_large'],
  ['no body', postRaw(undefined), 400, 'validation_failed'],
  ['JSON array', postJson([1, 2]), 400, 'validation_failed'],
  ['JSON null', postRaw('null'), 400, 'validation_failed'],
  ['missing amount', postJson({ ...valid(), amount: undefined }), 400, 'validation_failed', /amount/],
  ['amount as string', postJson({ ...valid(), amount: '100' }), 400, 'validation_failed', /amount/],
  ['negative amount', postJson({ ...valid(), amount: -5 }), 400, 'validation_failed', /amount/],
  ['fractional amount', postJson({ ...valid(), amount: 10.5 }), 400, 'validation_failed', /amount/],
  ['empty items', postJson({ ...valid(), items: [] }), 400, 'validation_failed', /items/],
  [
    'item without price',
    postJson({ ...valid(), items: [{ sku: 'a', name: 'a', quantity: 1 }] }),
    400,
    'validation_failed',
    /items\.0\.unitPrice/,
  ],
  ['short idempotency key', postJson({ ...valid(), idempotencyKey: 'k' }), 400, 'validation_failed', /idempotencyKey/],
  ['empty token', postJson({ ...valid(), consumerToken: '' }), 400, 'validation_failed', /consumerToken/],
  ['garbage token', postJson({ ...valid(), consumerToken: '%%%not-a-token%%%' }), 401, 'invalid_token'],
  ['order id too long', (url) => fetch(`${url}/v1/orders/${'x'.repeat(100)}`), 400, 'validation_failed', /orderId/],
  ['malformed percent-escape', (url) => fetch(`${url}/v1/orders/%E0%A4%A`), 400, 'malformed_path', /percent-escape/],
  ['lower-case market code', postJson({ ...valid(), market: 'se' }), 400, 'validation_failed', /market/],
  ['amount over the maximum', postJson({ ...valid(), amount: 100_000_001 }), 400, 'validation_failed', /amount/],
  [
    'unknown route',
    (url) => fetch(`${url}/v2/checkout`, { method: 'POST', headers: json, body: '{}' }),
    404,
    'route_not_found',
  ],
  ['wrong method', (url) => fetch(`${url}/v1/checkout`), 404, 'route_not_found'],
];

describe.each(['monolith', 'microservices', 'extract-risk'])('malformed requests on %s', (topology) => {
  let system: System;
  beforeAll(async () => {
    system = await startSystem(topology);
  });
  afterAll(async () => {
    await system?.stop();
  });

  it.each(CATALOGUE)('%s', async (_name, send, status, code, message) => {
    const res = await send(system.url);
    const body = (await res.json()) as { error: { code: string; message: string; details: unknown } };
    expect(res.status).toBe(status);
    expect(body.error.code).toBe(code);
    expect(typeof body.error.message).toBe('string');
    if (message) expect(body.error.message).toMatch(message);
  });

  it('is still healthy after the whole catalogue', async () => {
    expect((await get(system.url, '/healthz')).status).toBe(200);
    for (const [name, p] of system.running.processes)
      expect({ name, exited: p.hasExited }).toEqual({ name, exited: undefined });
  });
});
