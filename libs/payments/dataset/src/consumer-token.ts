import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Consumer tokens: `pb1.<payload>.<signature>`, where payload is the base64url JSON of the
 * claims and signature the base64url HMAC-SHA256 of `pb1.<payload>`. A deliberately small
 * JWT-like format: verifying it is real CPU work (an HMAC) without pulling in a JOSE library.
 */
export interface ConsumerTokenClaims {
  /** The consumer id. */
  sub: string;
  /** The consumer's market. */
  mkt: string;
  /** Issued at, epoch seconds. */
  iat: number;
  /** Expires at, epoch seconds. */
  exp: number;
}

export interface MintTokenInput {
  consumerId: string;
  market: string;
  issuedAt: Date;
  expiresAt: Date;
}

export type DecodedConsumerToken =
  { ok: true; claims: ConsumerTokenClaims } | { ok: false; reason: 'malformed' | 'bad_signature' };

const VERSION = 'pb1';
const BASE64URL = /^[A-Za-z0-9_-]+$/;
const SIGNATURE_BYTES = 32;
/** The largest epoch second a Date can hold: later claims could not be turned into dates. */
const MAX_EPOCH_SECONDS = 8_640_000_000_000;

export function mintConsumerToken(secret: string, input: MintTokenInput): string {
  assertSecret(secret);
  const claims: ConsumerTokenClaims = {
    sub: input.consumerId,
    mkt: input.market,
    iat: epochSeconds(input.issuedAt, 'issuedAt'),
    exp: epochSeconds(input.expiresAt, 'expiresAt'),
  };
  const payload = Buffer.from(JSON.stringify(claims), 'utf8').toString('base64url');
  return `${VERSION}.${payload}.${sign(secret, payload).toString('base64url')}`;
}

/**
 * Verifies the signature, then reads the claims. Never throws on a bad token: any string can
 * arrive from the network. The payload is only parsed once the signature proves it is ours.
 * Expiry is not checked here: that is a policy of the verifier, which knows the time.
 */
export function decodeConsumerToken(token: string, secret: string): DecodedConsumerToken {
  assertSecret(secret);
  const parts = typeof token === 'string' ? token.split('.') : [];
  const [version, payload, signature] = parts;
  if (parts.length !== 3 || version !== VERSION || payload === undefined || signature === undefined) {
    return { ok: false, reason: 'malformed' };
  }
  const payloadBytes = strictBase64url(payload);
  const signatureBytes = strictBase64url(signature);
  if (!payloadBytes || !signatureBytes) return { ok: false, reason: 'malformed' };
  // timingSafeEqual needs equal lengths; the length of a signature is no secret.
  if (signatureBytes.length !== SIGNATURE_BYTES || !timingSafeEqual(signatureBytes, sign(secret, payload))) {
    return { ok: false, reason: 'bad_signature' };
  }
  const claims = parseClaims(payloadBytes);
  return claims ? { ok: true, claims } : { ok: false, reason: 'malformed' };
}

function sign(secret: string, payload: string): Buffer {
  return createHmac('sha256', secret).update(`${VERSION}.${payload}`).digest();
}

/** Buffer's decoder skips characters it does not know; a token must be canonical base64url. */
function strictBase64url(text: string): Buffer | undefined {
  if (!BASE64URL.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? bytes : undefined;
}

function parseClaims(bytes: Buffer): ConsumerTokenClaims | undefined {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const { sub, mkt, iat, exp } = value as Record<string, unknown>;
  if (typeof sub !== 'string' || sub.length === 0 || typeof mkt !== 'string') return undefined;
  if (!isEpochSeconds(iat) || !isEpochSeconds(exp)) return undefined;
  return { sub, mkt, iat, exp };
}

function isEpochSeconds(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= MAX_EPOCH_SECONDS;
}

function epochSeconds(date: Date, field: string): number {
  const ms = date.getTime();
  if (Number.isNaN(ms) || ms < 0) throw new RangeError(`${field} must be a valid date after 1970, got ${String(date)}`);
  return Math.floor(ms / 1000);
}

function assertSecret(secret: string): void {
  // An empty HMAC key is legal but signs nothing worth checking: refuse the misconfiguration.
  if (typeof secret !== 'string' || secret.length === 0) throw new TypeError('token secret must be a non-empty string');
}
