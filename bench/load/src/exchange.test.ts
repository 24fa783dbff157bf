import type { Dispatcher } from 'undici';
import { describe, expect, it } from 'vitest';
import { DeadlineQueue, Exchange } from './exchange.js';
import type { RequestEnding } from './outcome-tally.js';
import { idHash, LEDGER_CODE, RequestLedger } from './request-ledger.js';
import { classifyStatus } from './request-spec.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function controller() {
  const aborted: unknown[] = [];
  const control = { abort: (reason: unknown) => aborted.push(reason) } as unknown as Dispatcher.DispatchController;
  return { control, aborted };
}

function setUp() {
  const queue = new DeadlineQueue();
  const endings: { id: number; ending: RequestEnding; at: number }[] = [];
  const started = performance.now();
  const exchange = (id: number, deadlineInMs: number) =>
    new Exchange(id, started, true, started + deadlineInMs, classifyStatus, (ended, ending) => {
      queue.remove(ended);
      endings.push({ id: ended.classIndex, ending, at: performance.now() - started });
    });
  return { queue, endings, exchange };
}

describe('an exchange (one request as an undici dispatch handler)', () => {
  it("records its ending in its class's ledger, with the id of a 2xx answer read from the body as it streams", () => {
    const { exchange } = setUp();
    const ledger = new RequestLedger({ idField: 'id' });
    const { control } = controller();
    const answer = (index: number, status: number, chunks: string[]) => {
      const one = exchange(0, 1000);
      one.ledger = ledger;
      one.ledgerIndex = index;
      ledger.sent(index);
      one.onRequestStart(control);
      one.onResponseStart(control, status);
      for (const chunk of chunks) one.onResponseData(control, Buffer.from(chunk));
      one.onResponseEnd();
    };
    answer(4, 201, ['{"consumerId":"c-1","items":[]', ',"id":"ord_9","fundingSource":{"id":"fs_1"}}']);
    answer(5, 422, ['{"error":{"code":"payment_rejected"},"id":"x"}']);
    const late = exchange(0, 1000);
    late.ledger = ledger;
    late.ledgerIndex = 6;
    ledger.sent(6);
    late.giveUp('timeout');
    expect([4, 5, 6].map((i) => ledger.ending(i))).toEqual([201, 422, LEDGER_CODE.timeout]);
    expect(ledger.idHashOf(4)).toBe(idHash(Buffer.from('ord_9')));
    // Only a 2xx answer's id is read.
    expect(ledger.idHashOf(5)).toBe(0);
  });

  it('ends once, with its status, whatever undici reports after', () => {
    const { endings, exchange } = setUp();
    const one = exchange(1, 1000);
    const { control, aborted } = controller();
    one.onRequestStart(control);
    one.onResponseStart(control, 422);
    one.onResponseData(control, Buffer.from('{}'));
    one.onResponseEnd();
    one.onResponseError(control, new Error('late'));
    one.giveUp('timeout');
    expect(endings.map((e) => e.ending)).toEqual([{ status: 422, outcome: 'rejection' }]);
    expect(aborted).toEqual([]);
  });

  it('classifies a transport error by its code', () => {
    const { endings, exchange } = setUp();
    exchange(1, 1000).onResponseError(null, Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }));
    expect(endings.map((e) => e.ending)).toEqual([{ errorKind: 'connection_refused' }]);
  });

  it('given up, it aborts the request in undici: at once, or as soon as it leaves the queue for a connection', () => {
    const { endings, exchange } = setUp();
    const sent = exchange(1, 1000);
    const first = controller();
    sent.onRequestStart(first.control);
    sent.giveUp('timeout');
    expect(first.aborted).toHaveLength(1);

    const waiting = exchange(2, 1000);
    waiting.giveUp('cancelled');
    const second = controller();
    waiting.onRequestStart(second.control);
    expect(second.aborted).toHaveLength(1);
    // undici then reports the abort as an error: already ended, not counted again.
    waiting.onResponseError(second.control, new Error('aborted'));
    expect(endings.map((e) => e.ending)).toEqual([{ errorKind: 'timeout' }, { errorKind: 'cancelled' }]);
  });
});

describe('the deadline queue (one timer for every outstanding request)', () => {
  it('gives up each request at its own deadline, and none that ended before it', async () => {
    const { queue, endings, exchange } = setUp();
    const early = exchange(1, 40);
    const answered = exchange(2, 60);
    const late = exchange(3, 400);
    for (const one of [early, answered, late]) queue.add(one);
    expect(queue.size).toBe(3);
    answered.onResponseStart(controller().control, 200);
    answered.onResponseEnd();
    expect(queue.size).toBe(2);

    await sleep(100);
    expect(endings.map((e) => [e.id, e.ending])).toEqual([
      [2, { status: 200, outcome: 'success' }],
      [1, { errorKind: 'timeout' }],
    ]);
    expect(queue.size).toBe(1);
    await sleep(400);
    expect(endings.map((e) => e.id)).toEqual([2, 1, 3]);
    expect(queue.size).toBe(0);
    // At the deadline, not before it; the ceilings only catch a lost or very late timer.
    const [, first, third] = endings;
    expect(first?.at).toBeGreaterThanOrEqual(40);
    expect(third?.at).toBeGreaterThanOrEqual(400);
    expect(third?.at).toBeLessThan(2000);
    queue.close();
  });

  it('keeps timing out requests added after the timer was armed and after the queue emptied', async () => {
    const { queue, endings, exchange } = setUp();
    queue.add(exchange(1, 20));
    await sleep(50);
    expect(endings).toHaveLength(1);
    queue.add(exchange(2, 70));
    queue.add(exchange(3, 75));
    await sleep(80);
    expect(endings.map((e) => e.id)).toEqual([1, 2, 3]);
    expect(endings.every((e) => 'errorKind' in e.ending && e.ending.errorKind === 'timeout')).toBe(true);
    queue.close();
  });

  it('cancels every outstanding request at once, and leaves no timer behind', async () => {
    const { queue, endings, exchange } = setUp();
    for (let id = 0; id < 5; id++) queue.add(exchange(id, 30));
    queue.cancelAll();
    expect(queue.size).toBe(0);
    expect(endings.map((e) => e.ending)).toEqual(Array(5).fill({ errorKind: 'cancelled' }));
    await sleep(50);
    expect(endings).toHaveLength(5);
  });
});
