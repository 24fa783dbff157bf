import { describe, expect, it } from 'vitest';
import { idHash, LEDGER_CODE, RequestLedger } from './request-ledger.js';

describe('request ledger', () => {
  it('stores statuses as themselves and transport errors as codes, and grows as needed', () => {
    const ledger = new RequestLedger({ capacity: 2 });
    ledger.sent(0);
    ledger.ended(0, { status: 201, outcome: 'success' });
    ledger.dropped(1);
    ledger.sent(40);
    ledger.ended(40, { errorKind: 'connection_reset' });
    ledger.sent(41);
    expect(ledger.count).toBe(42);
    expect([0, 1, 2, 40, 41, 99].map((i) => ledger.ending(i))).toEqual([
      201,
      LEDGER_CODE.dropped,
      LEDGER_CODE.unscheduled,
      LEDGER_CODE.connection_reset,
      LEDGER_CODE.pending,
      LEDGER_CODE.unscheduled,
    ]);
  });

  it("reads the first string field of the id's name out of a 2xx body, as a hash of its value", () => {
    const ledger = new RequestLedger({ idField: 'id' });
    ledger.sent(3);
    const body = '{"consumerId":"c-1","items":[{"sku":"X"}],"id":"ord_abc","fundingSource":{"id":"fs_1"}}';
    expect(ledger.readId(3, Buffer.from('{"consumerId":"c-1"'))).toBe(false);
    expect(ledger.readId(3, Buffer.from(body))).toBe(true);
    expect(ledger.idHashOf(3)).toBe(idHash(Buffer.from('ord_abc')));
    expect(ledger.idHashOf(3)).not.toBe(idHash(Buffer.from('fs_1')));
    const copy = RequestLedger.from(ledger.snapshot());
    expect(copy.idHashOf(3)).toBe(ledger.idHashOf(3));
    expect(copy.ending(3)).toBe(LEDGER_CODE.pending);
  });

  it('hashes equal ids equal and never to 0 (no id)', () => {
    expect(idHash(Buffer.from('ord_1'))).toBe(idHash(Buffer.from('xxord_1'), 2));
    expect(idHash(Buffer.from('ord_1'))).not.toBe(idHash(Buffer.from('ord_2')));
    expect(idHash(Buffer.alloc(0))).not.toBe(0);
  });
});
