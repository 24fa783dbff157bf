import { describe, expect, it } from 'vitest';
import { SourceLedger } from './source-stats.js';

describe('SourceLedger', () => {
  it('counts the sequence numbers skipped in what arrived', () => {
    const ledger = new SourceLedger();
    for (const seq of [1, 2, 5, 6, 10]) ledger.received('risk', seq);
    expect(ledger.snapshot()['risk']).toMatchObject({ received: 5, lastSeq: 10, seqGaps: 5 });
  });

  it('counts a loss at the very start, and ignores older numbers resent after a reconnect', () => {
    const ledger = new SourceLedger();
    for (const seq of [3, 4, 2, 3, 5, undefined]) ledger.received('auth', seq);
    expect(ledger.snapshot()['auth']).toMatchObject({ received: 6, lastSeq: 5, seqGaps: 2 });
  });
});
