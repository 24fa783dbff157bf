import { once } from 'node:events';
import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { connectSender, eventually, finish, forwarderWith, logLines, stopAll } from '../test/harness.js';
import { ForwarderClient } from './index.js';

afterEach(stopAll);

/**
 * Writes lines until the socket stops draining, as an application's log driver would. Returns the
 * number of lines written and whether the writes backed up. A drain that does not come within a
 * second under a stalled sink never will; the bytes cap only bounds a broken forwarder.
 */
async function writeUntilBlocked(socket: Socket, maxBytes: number): Promise<{ lines: number; blocked: boolean }> {
  let lines = 0;
  let bytes = 0;
  while (bytes < maxBytes) {
    const chunk = logLines('app', lines + 1, 500, () => ({ msg: 'x'.repeat(60) }));
    lines += 500;
    bytes += chunk.length;
    if (!socket.write(chunk)) {
      const drained = await Promise.race([once(socket, 'drain').then(() => true), sleep(1000).then(() => false)]);
      if (!drained) return { lines, blocked: true };
    }
  }
  return { lines, blocked: false };
}

describe("buffer policy when the sink stalls (Vector's when_full)", () => {
  it('drop_newest keeps maxEvents, discards the rest, and never blocks the sender', async () => {
    const forwarder = await forwarderWith({ maxEvents: 500, whenFull: 'drop_newest', sink: { mode: 'stall' } });
    const sender = await connectSender(forwarder.dataPort);
    const sent = 50_000; // about 4 MB: far more than the kernel buffers could hold for a paused reader
    sender.write(logLines('app', 1, sent));
    await finish(sender); // resolves only once every byte has been handed to the kernel

    const stats = await eventually(forwarder.stats, (s) => s.totals.received === sent);
    expect(stats.totals).toMatchObject({ received: sent, dropped: sent - 500, processed: 0 });
    expect(stats.buffered).toBe(500);
    expect(stats.pausedSockets).toBe(false);
    expect(stats.sources['app']).toMatchObject({ received: sent, dropped: sent - 500, seqGaps: 0 });
  });

  it('block pauses reading so the sender backs up, then loses nothing once the stall lifts', async () => {
    const forwarder = await forwarderWith({ maxEvents: 500, whenFull: 'block', sink: { mode: 'stall' } });
    const client = new ForwarderClient(forwarder.controlPort);
    const sender = await connectSender(forwarder.dataPort);

    const { lines, blocked } = await writeUntilBlocked(sender, 256 * 1024 * 1024);
    expect(blocked).toBe(true);
    expect(sender.writableLength).toBeGreaterThan(0); // bytes the kernel would not take
    const stalled = await eventually(client.stats.bind(client), (s) => s.pausedSockets);
    expect(stalled.buffered).toBe(500);
    expect(stalled.totals.received).toBeLessThan(lines);
    expect(stalled.totals.dropped).toBe(0);

    await client.setConfig({ sink: { mode: 'normal' } });
    await finish(sender);
    const done = await eventually(client.stats.bind(client), (s) => s.totals.processed >= lines, 60_000);
    expect(done.totals).toMatchObject({ received: lines, processed: lines, dropped: 0, malformed: 0 });
    expect(done.sources['app']).toMatchObject({ lastSeq: lines, seqGaps: 0 });
    expect(done.pausedSockets).toBe(false);
    expect(sender.writableLength).toBe(0);
    await client.close();
  });

  it('lets a blocked source read again when the policy switches to drop_newest', async () => {
    const forwarder = await forwarderWith({ maxEvents: 100, whenFull: 'block', sink: { mode: 'stall' } });
    const sender = await connectSender(forwarder.dataPort);
    const { lines, blocked } = await writeUntilBlocked(sender, 256 * 1024 * 1024);
    expect(blocked).toBe(true);

    forwarder.setConfig({ whenFull: 'drop_newest' });
    await finish(sender);
    const stats = await eventually(forwarder.stats, (s) => s.totals.received === lines);
    expect(stats.totals).toMatchObject({ received: lines, dropped: lines - 100, processed: 0 });
    expect(stats.pausedSockets).toBe(false);
  });
});
