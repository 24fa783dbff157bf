import { setImmediate as yieldOnce } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { connectSender, eventually, finish, forwarderWith, logLines, stopAll, write } from '../test/harness.js';

afterEach(stopAll);

describe('TCP source framing over real sockets', () => {
  it('frames lines split at arbitrary chunk boundaries, several lines per chunk', async () => {
    const forwarder = await forwarderWith();
    const sender = await connectSender(forwarder.dataPort);
    const stream = Buffer.from(logLines('checkout', 1, 200, (seq) => ({ msg: `étape ${seq} – ok`, n: seq })));
    // Chunks of varying odd sizes: most cut a line (often inside a multi-byte character), many
    // carry several lines. Each write waits for the kernel so the chunks really travel apart.
    for (let at = 0, size = 1; at < stream.length; at += size, size = (size * 7 + 3) % 997) {
      await write(sender, stream.subarray(at, at + size));
      await yieldOnce();
    }
    await finish(sender);
    const stats = await eventually(forwarder.stats, (s) => s.totals.processed === 200);
    expect(stats.totals).toMatchObject({ received: 200, malformed: 0, dropped: 0 });
    expect(stats.sources['checkout']).toMatchObject({ received: 200, processed: 200, lastSeq: 200, seqGaps: 0 });
  });

  it('counts lines that are not JSON objects as malformed and skips blank lines', async () => {
    const forwarder = await forwarderWith();
    const sender = await connectSender(forwarder.dataPort);
    await write(sender, 'not json\n[1,2]\n"text"\n42\nnull\n\n\r\n{"proc":"risk","seq":1}\n{"pro');
    await write(sender, 'c":"risk","seq":2}\n{"msg":"no proc"}\n');
    await finish(sender);
    const stats = await eventually(forwarder.stats, (s) => s.totals.processed === 3);
    expect(stats.totals).toMatchObject({ received: 3, malformed: 5 });
    expect(stats.sources['risk']).toMatchObject({ received: 2, lastSeq: 2, seqGaps: 0 });
    expect(stats.sources['unknown']).toMatchObject({ received: 1 });
  });

  it('keeps a last line sent without a newline before the connection closes', async () => {
    const forwarder = await forwarderWith();
    const sender = await connectSender(forwarder.dataPort);
    await write(sender, '{"proc":"orders","seq":1}\n{"proc":"orders","seq":2}');
    await finish(sender);
    const stats = await eventually(forwarder.stats, (s) => s.totals.processed === 2);
    expect(stats.sources['orders']).toMatchObject({ received: 2, lastSeq: 2 });
  });

  it('accounts each of several concurrent connections under its own source', async () => {
    const forwarder = await forwarderWith({ maxEvents: 50 });
    const procs = ['auth', 'funding', 'risk', 'orders'];
    await Promise.all(
      procs.map(async (proc) => {
        const sender = await connectSender(forwarder.dataPort);
        await write(sender, logLines(proc, 1, 2000));
        await finish(sender);
      }),
    );
    const stats = await eventually(forwarder.stats, (s) => s.totals.processed === 8000);
    for (const proc of procs)
      expect(stats.sources[proc]).toMatchObject({ received: 2000, processed: 2000, seqGaps: 0 });
  });
});
