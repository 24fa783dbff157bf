// One contract suite, run unchanged against every deployment of the same code: the modular
// monolith, one process per module, and a hybrid partition. Same inputs must give the same
// status codes and bodies (ids and timestamps aside).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { get, goodConsumer, normalise, post, purchase, type Reply } from './support/purchases.js';
import { startSystem, type System } from './support/start-system.js';

const TOPOLOGIES = ['monolith', 'microservices', 'extract-risk'] as const;
const transcripts = new Map<string, Record<string, Reply>>();

describe.each(TOPOLOGIES)('payment API on %s', (topology) => {
  let system: System;
  const transcript: Record<string, Reply> = {};
  const record = (name: string, reply: Reply) => {
    transcript[name] = reply;
    return reply;
  };

  beforeAll(async () => {
    system = await startSystem(topology);
  });
  afterAll(async () => {
    transcripts.set(topology, transcript);
    await system?.stop();
  });

  it('is ready, with every dependency reachable', async () => {
    const ready = await get(system.url, '/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body['status']).toBe('ready');
  });

  it('approves each payment option with its own settlement', async () => {
    const now = record(
      'pay_now SE',
      await post(system.url, purchase('SE', 'pay_now', { idempotencyKey: 'now-key-0001' })),
    );
    expect(now.status).toBe(201);
    expect(now.body).toMatchObject({ status: 'captured', settlement: { kind: 'capture', capturedAmount: 10_000 } });

    const later = record('pay_later DE', await post(system.url, purchase('DE', 'pay_later')));
    expect(later.status).toBe(201);
    expect(later.body).toMatchObject({ status: 'awaiting_payment', settlement: { kind: 'invoice' } });

    const overTime = record('pay_over_time US', await post(system.url, purchase('US', 'pay_over_time')));
    expect(overTime.status).toBe(201);
    expect(overTime.body).toMatchObject({ status: 'in_installments', settlement: { kind: 'installments' } });
  });

  it('replays a repeated idempotency key and refuses a reused key with another body', async () => {
    const body = purchase('SE', 'pay_now', { idempotencyKey: 'replay-key-0001' }, goodConsumer('SE', 1));
    const first = await post(system.url, body);
    const again = record('replay', await post(system.url, body));
    expect(again.status).toBe(201);
    expect(again.body['id']).toBe(first.body['id']);

    const conflict = record(
      'conflict',
      await post(system.url, {
        ...body,
        amount: 11_000,
        items: [{ sku: 'X', name: 'X', quantity: 1, unitPrice: 11_000 }],
      }),
    );
    expect(conflict.status).toBe(409);
    expect(conflict.body).toMatchObject({ error: { code: 'idempotency_conflict' } });
  });

  it('creates one order for the same checkout sent twice concurrently', async () => {
    const body = purchase('DE', 'pay_now', { idempotencyKey: 'concurrent-key-0001' }, goodConsumer('DE', 2));
    const [a, b] = await Promise.all([post(system.url, body), post(system.url, body)]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body['id']).toBe(b.body['id']);
  });

  it('scopes an idempotency key to its consumer: the same key from another consumer is a new order', async () => {
    const key = { idempotencyKey: 'shared-key-0001' };
    const mine = await post(system.url, purchase('SE', 'pay_now', key, goodConsumer('SE', 3)));
    const theirs = await post(system.url, purchase('SE', 'pay_now', key, goodConsumer('SE', 4)));
    record('same key, another consumer', theirs);
    expect([mine.status, theirs.status]).toEqual([201, 201]);
    expect(theirs.body['id']).not.toBe(mine.body['id']);
    expect(theirs.body['consumerId']).toBe(goodConsumer('SE', 4).id);
  });

  it('gives orders ids that cannot be guessed from another: `ord_` and 128 random bits', async () => {
    const first = await post(system.url, purchase('DE', 'pay_now', {}, goodConsumer('DE', 3)));
    const second = await post(system.url, purchase('DE', 'pay_now', {}, goodConsumer('DE', 3)));
    const ids = [first.body['id'], second.body['id']].map(String);
    for (const id of ids) expect(id).toMatch(/^ord_[0-9a-f]{32}$/);
    // Consecutive sequential or counter-based ids are a small step apart; random ones ~2^127.
    const [a, b] = ids.map((id) => BigInt(`0x${id.slice(4)}`)) as [bigint, bigint];
    expect(a > b ? a - b : b - a).toBeGreaterThan(2n ** 64n);
  });

  it('reads an order back by id, and answers 404 for an unknown one', async () => {
    const created = await post(system.url, purchase('US', 'pay_later', {}, goodConsumer('US', 1)));
    const read = record('get order', await get(system.url, `/v1/orders/${String(created.body['id'])}`));
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);
    const missing = record('get unknown order', await get(system.url, '/v1/orders/ord_does_not_exist'));
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ error: { code: 'order_not_found' } });
  });

  it('answers business rejections and bad credentials with the same codes in every topology', async () => {
    const cases: [string, Record<string, unknown>, number, string][] = [
      ['forged token', purchase('SE', 'pay_now', { consumerToken: 'pb1.e30.AAAA' }), 401, 'invalid_token'],
      [
        'over the risk limit',
        purchase('SE', 'pay_later', {
          amount: 900_000,
          items: [{ sku: 'TV', name: 'TV', quantity: 1, unitPrice: 900_000 }],
        }),
        422,
        'payment_rejected',
      ],
      ['unknown option', purchase('SE', 'pay_by_cheque'), 422, 'option_unavailable'],
      ['wrong currency', purchase('SE', 'pay_now', { currency: 'EUR' }), 422, 'currency_mismatch'],
      ['amount differs from items', purchase('SE', 'pay_now', { amount: 1 }), 400, 'amount_mismatch'],
    ];
    for (const [name, body, status, code] of cases) {
      const reply = record(name, await post(system.url, body));
      expect({
        name,
        status: reply.status,
        code: (reply.body['error'] as { code?: string } | undefined)?.code,
      }).toEqual({ name, status, code });
    }
  });
});

describe('every topology', () => {
  it('gave the same answers to the same requests', () => {
    const [reference, ...others] = TOPOLOGIES.map((t) => ({ topology: t, transcript: normalise(transcripts.get(t)) }));
    expect(reference?.transcript).toBeTruthy();
    expect(Object.keys(reference?.transcript as object).length).toBeGreaterThanOrEqual(12);
    for (const other of others)
      expect({ topology: other.topology, transcript: other.transcript }).toEqual({
        topology: other.topology,
        transcript: reference?.transcript,
      });
  });
});
