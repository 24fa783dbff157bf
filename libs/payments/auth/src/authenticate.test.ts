import { createHmac } from 'node:crypto';
import type { ContractApi, DomainError } from '@paybench/platform-contract';
import { composeModules } from '@paybench/platform-host';
import { createLogger } from '@paybench/platform-logging';
import { openDatabase, type Database } from '@paybench/platform-storage';
import { consumers, DEV_AUTH_SECRET, mintConsumerToken, tokenFor } from '@paybench/payments-dataset';
import { describe, expect, it } from 'vitest';
import { authContract } from './index.js';
import { authModule } from './module-entry.js';

const SEED = 42;
const COUNT = 300;
const population = consumers(SEED, COUNT);
const active = firstConsumer('active');
const blocked = firstConsumer('blocked');

function firstConsumer(status: 'active' | 'blocked') {
  const consumer = population.find((c) => c.status === status);
  if (!consumer) throw new Error(`the seeded population has no ${status} consumer`);
  return consumer;
}

async function startAuth(db: Database = openDatabase(':memory:'), settings: Record<string, string | number> = {}) {
  const apis = await composeModules({
    modules: [authModule],
    hosted: ['auth'],
    db,
    logger: createLogger({ processName: 'test', level: 'silent' }).logger,
    settings: { seed: SEED, consumers: COUNT, ...settings },
  });
  return apis.get('auth') as ContractApi<typeof authContract>;
}

async function refusal(promise: Promise<unknown>): Promise<{ code: string; status: number; details: unknown }> {
  const error = (await promise.then(
    () => expect.fail('expected the token to be refused'),
    (e: unknown) => e,
  )) as DomainError;
  return { code: error.code, status: error.status, details: error.details };
}

function tokenOf(consumerId: string, expiresAt: Date, secret = DEV_AUTH_SECRET): string {
  return mintConsumerToken(secret, { consumerId, market: 'SE', issuedAt: new Date('2026-01-01T00:00:00Z'), expiresAt });
}

describe('auth.authenticate', () => {
  it('admits a seeded consumer with their seeded token, with the market from its records', async () => {
    const auth = await startAuth();
    await expect(auth.authenticate({ token: tokenFor(SEED, active) })).resolves.toEqual({
      consumerId: active.id,
      market: active.market,
      expiresAt: '2099-01-01T00:00:00.000Z',
    });
  });

  it('refuses a token whose signature was forged', async () => {
    const auth = await startAuth();
    const [version, payload] = tokenFor(SEED, active).split('.');
    const forged = createHmac('sha256', 'guess').update(`${version}.${payload}`).digest('base64url');
    await expect(refusal(auth.authenticate({ token: `${version}.${payload}.${forged}` }))).resolves.toEqual({
      code: 'invalid_token',
      status: 401,
      details: { reason: 'bad_signature' },
    });
  });

  it('refuses a token signed with another secret', async () => {
    const auth = await startAuth();
    const token = tokenFor(SEED, active, 'not-the-secret');
    await expect(refusal(auth.authenticate({ token }))).resolves.toEqual({
      code: 'invalid_token',
      status: 401,
      details: { reason: 'bad_signature' },
    });
  });

  it('refuses a token that is not a token', async () => {
    const auth = await startAuth();
    await expect(refusal(auth.authenticate({ token: 'Bearer abc' }))).resolves.toEqual({
      code: 'invalid_token',
      status: 401,
      details: { reason: 'malformed' },
    });
  });

  it('refuses an expired token', async () => {
    const auth = await startAuth();
    const token = tokenOf(active.id, new Date('2026-01-01T01:00:00Z'));
    await expect(refusal(auth.authenticate({ token }))).resolves.toEqual({
      code: 'token_expired',
      status: 401,
      details: { expiresAt: '2026-01-01T01:00:00.000Z' },
    });
  });

  it('refuses a validly signed token of a consumer it does not know', async () => {
    const auth = await startAuth();
    const token = tokenOf('c-999999', new Date('2099-01-01T00:00:00Z'));
    await expect(refusal(auth.authenticate({ token }))).resolves.toEqual({
      code: 'invalid_token',
      status: 401,
      details: { reason: 'unknown consumer' },
    });
  });

  it('refuses a blocked consumer', async () => {
    const auth = await startAuth();
    await expect(refusal(auth.authenticate({ token: tokenFor(SEED, blocked) }))).resolves.toEqual({
      code: 'consumer_blocked',
      status: 401,
      details: { consumerId: blocked.id },
    });
  });

  describe('token lifetime cap', () => {
    const secret = 'a-deployment-secret-of-at-least-32-bytes';
    const hour = 60 * 60 * 1000;
    const lasting = (ms: number, signedWith = secret) => {
      const issuedAt = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000);
      const expiresAt = new Date(issuedAt.getTime() + ms);
      return mintConsumerToken(signedWith, { consumerId: active.id, market: active.market, issuedAt, expiresAt });
    };

    it('under a secret of its own, admits a token of 24 h and refuses one a second longer', async () => {
      const auth = await startAuth(undefined, { authSecret: secret });
      await expect(auth.authenticate({ token: lasting(24 * hour) })).resolves.toMatchObject({ consumerId: active.id });
      await expect(refusal(auth.authenticate({ token: lasting(24 * hour + 1000) }))).resolves.toEqual({
        code: 'invalid_token',
        status: 401,
        details: { reason: 'lifetime over 86400 s' },
      });
    });

    it('takes the cap from the maxTokenLifetimeSeconds setting', async () => {
      const auth = await startAuth(undefined, { authSecret: secret, maxTokenLifetimeSeconds: 3600 });
      await expect(auth.authenticate({ token: lasting(hour) })).resolves.toMatchObject({ consumerId: active.id });
      await expect(refusal(auth.authenticate({ token: lasting(2 * hour) }))).resolves.toMatchObject({
        code: 'invalid_token',
      });
    });

    it("admits the harness's own tokens under a secret of its own", async () => {
      const auth = await startAuth(undefined, { authSecret: secret });
      await expect(auth.authenticate({ token: tokenFor(SEED, active, secret) })).resolves.toMatchObject({
        consumerId: active.id,
      });
    });

    it('applies no cap under the published development secret: anyone can mint any token with it', async () => {
      const auth = await startAuth(undefined, { maxTokenLifetimeSeconds: 3600 });
      await expect(auth.authenticate({ token: lasting(1000 * 24 * hour, DEV_AUTH_SECRET) })).resolves.toMatchObject({
        consumerId: active.id,
      });
      // The committed example's token: issued 2026-01-01, valid to 2099.
      await expect(auth.authenticate({ token: tokenFor(SEED, active) })).resolves.toMatchObject({
        expiresAt: '2099-01-01T00:00:00.000Z',
      });
    });
  });

  it('seeds its consumers once, so a restart on the same database keeps them', async () => {
    const db = openDatabase(':memory:');
    await startAuth(db);
    await startAuth(db);
    expect(db.prepare('SELECT count(*) AS n FROM auth_consumers').get()).toEqual({ n: COUNT });
  });
});
