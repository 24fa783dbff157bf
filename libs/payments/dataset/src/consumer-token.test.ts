import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { consumerAt, decodeConsumerToken, DEV_AUTH_SECRET, mintConsumerToken, tokenFor } from './index.js';

const secret = 'test-secret';
const issuedAt = new Date('2026-03-01T12:00:00Z');
const expiresAt = new Date('2026-03-01T13:00:00Z');
const token = mintConsumerToken(secret, { consumerId: 'c-000007', market: 'DE', issuedAt, expiresAt });

/** Signs an arbitrary payload the way a holder of the secret would. */
function signed(payloadJson: string): string {
  const payload = Buffer.from(payloadJson).toString('base64url');
  const signature = createHmac('sha256', secret).update(`pb1.${payload}`).digest('base64url');
  return `pb1.${payload}.${signature}`;
}

describe('consumer tokens', () => {
  it('round-trips the claims in epoch seconds', () => {
    expect(token).toMatch(/^pb1\.[\w-]+\.[\w-]+$/);
    expect(decodeConsumerToken(token, secret)).toEqual({
      ok: true,
      claims: { sub: 'c-000007', mkt: 'DE', iat: 1_772_366_400, exp: 1_772_370_000 },
    });
  });

  it('rejects a tampered payload as a bad signature', () => {
    const [version, , signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ sub: 'c-000001', mkt: 'DE', iat: 0, exp: 4_000_000_000 }));
    const tampered = `${version}.${forged.toString('base64url')}.${signature}`;
    expect(decodeConsumerToken(tampered, secret)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('rejects a token signed with another secret', () => {
    expect(decodeConsumerToken(token, 'other-secret')).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('rejects a signature of the wrong length', () => {
    const [version, payload] = token.split('.');
    expect(decodeConsumerToken(`${version}.${payload}.AAAA`, secret)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it.each([
    '',
    'garbage',
    'pb1..',
    'pb1.abc',
    'pb1.a.b.c',
    `pb2.${token.slice(4)}`,
    `${token}.`,
    `${token}!`,
    `pb1.${'*'.repeat(10)}.${token.split('.')[2]}`,
    token.replace('pb1.', 'pb1. '),
  ])('rejects the malformed token %j', (garbage) => {
    expect(decodeConsumerToken(garbage, secret)).toEqual({ ok: false, reason: 'malformed' });
  });

  it.each([
    'not json',
    'null',
    '[1,2]',
    '{"sub":"c-1","mkt":"SE","iat":"0","exp":1}',
    '{"sub":"","mkt":"SE","iat":0,"exp":1}',
    '{"sub":"c-1","mkt":7,"iat":0,"exp":1}',
    '{"sub":"c-1","mkt":"SE","iat":0,"exp":1.5}',
    '{"sub":"c-1","mkt":"SE","iat":0,"exp":1e300}',
  ])('rejects correctly signed but malformed claims %s', (payload) => {
    expect(decodeConsumerToken(signed(payload), secret)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('never throws on input that is not even a string', () => {
    expect(decodeConsumerToken(undefined as unknown as string, secret)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('refuses to mint or verify with an empty secret', () => {
    expect(() => mintConsumerToken('', { consumerId: 'c-1', market: 'SE', issuedAt, expiresAt })).toThrow(TypeError);
    expect(() => decodeConsumerToken(token, '')).toThrow(TypeError);
  });
});

describe('tokenFor', () => {
  it('issues the seeded consumer a long-lived token signed with the dev secret by default', () => {
    const consumer = consumerAt(42, 5);
    const decoded = decodeConsumerToken(tokenFor(42, consumer), DEV_AUTH_SECRET);
    expect(decoded).toEqual({
      ok: true,
      claims: {
        sub: 'c-000005',
        mkt: consumer.market,
        iat: Date.parse('2026-01-01T00:00:00Z') / 1000,
        exp: Date.parse('2099-01-01T00:00:00Z') / 1000,
      },
    });
  });

  it('is stable, and accepts the consumer or its index', () => {
    const now = new Date('2026-03-04T05:06:07Z');
    expect(tokenFor(42, 5, 's', now)).toBe(tokenFor(42, consumerAt(42, 5), 's', now));
  });

  it('under another secret, lasts 12 hours from the start of the current minute (auth caps lifetimes at 24 h)', () => {
    const secret = 'a-deployment-secret-of-32-bytes-or-more';
    const decoded = decodeConsumerToken(tokenFor(42, 5, secret, new Date('2026-03-04T05:06:07.890Z')), secret);
    expect(decoded).toMatchObject({
      ok: true,
      claims: { iat: Date.parse('2026-03-04T05:06:00Z') / 1000, exp: Date.parse('2026-03-04T17:06:00Z') / 1000 },
    });
    const fresh = decodeConsumerToken(tokenFor(42, 5, secret), secret);
    expect(fresh.ok && fresh.claims.exp * 1000).toBeGreaterThan(Date.now());
  });
});
