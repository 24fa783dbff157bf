import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { connectSender, eventually, finish, forwarderWith, logLines, stopAll, write } from '../test/harness.js';
import type { Forwarder, SinkConfig } from './index.js';

afterEach(stopAll);

/**
 * A forwarder whose buffer already holds `lines` (the sink stalled while they arrived), so a
 * measurement sees the sink alone, not how fast the test can send.
 */
async function preloaded(lines: string, count: number): Promise<Forwarder> {
  const forwarder = await forwarderWith({ maxEvents: count, sink: { mode: 'stall' } });
  const sender = await connectSender(forwarder.dataPort);
  await write(sender, lines);
  await finish(sender);
  await eventually(forwarder.stats, (s) => s.buffered === count);
  return forwarder;
}

/** Switches the sink and measures its throughput over about `windowMs`, from counts only. */
async function throughput(forwarder: Forwarder, sink: SinkConfig, windowMs: number) {
  forwarder.setConfig({ sink });
  const start = { at: performance.now(), processed: forwarder.stats().totals.processed };
  await sleep(windowMs);
  const end = { at: performance.now(), stats: forwarder.stats() };
  const processed = end.stats.totals.processed - start.processed;
  return { processed, perSecond: (processed * 1000) / (end.at - start.at), stats: end.stats };
}

describe('sink cost modes', () => {
  it.each([
    { sink: { mode: 'rate', eventsPerSecond: 2000 } as const, expected: 2000 },
    { sink: { mode: 'fixed', perEventUs: 1000 } as const, expected: 1000 },
  ])('$sink.mode processes at the configured pace (loose bounds)', async ({ sink, expected }) => {
    const forwarder = await preloaded(logLines('app', 1, 20_000), 20_000);
    const { perSecond, stats } = await throughput(forwarder, sink, 1500);
    expect(perSecond).toBeGreaterThan(expected * 0.5);
    expect(perSecond).toBeLessThan(expected * 1.5);
    expect(stats.buffered).toBeGreaterThan(0); // the pace, not the supply, was the limit
  });

  it('slows down as label cardinality grows, and counts the series it keeps', async () => {
    const labels = ['proc', 'module', 'step', 'trace'];
    const sink = { mode: 'cardinality', baseUs: 20, perSeriesNs: 2000, labels } as const;
    const count = 40_000;
    const fields = (traces: number) => (seq: number) => ({ module: 'risk', step: 'assess', trace: `t${seq % traces}` });

    const few = await preloaded(logLines('app', 1, count, fields(10)), count);
    const fewSeries = await throughput(few, sink, 1000);
    await few.stop();
    const many = await preloaded(logLines('app', 1, count, fields(count)), count);
    const manySeries = await throughput(many, sink, 1000);

    expect(fewSeries.perSecond).toBeGreaterThanOrEqual(3 * manySeries.perSecond);
    // Every processed event carried a new trace, so each one made a new series.
    expect(manySeries.stats.series).toBe(manySeries.stats.totals.processed);
    expect(fewSeries.stats.series).toBe(10);
  });

  it('counts exactly the distinct label combinations sent, a missing label included', async () => {
    const forwarder = await forwarderWith({
      sink: { mode: 'cardinality', baseUs: 0, perSeriesNs: 0, labels: ['proc', 'step', 'trace'] },
    });
    const sender = await connectSender(forwarder.dataPort);
    const combinations = new Set<string>();
    let lines = '';
    for (let i = 0; i < 5000; i++) {
      const proc = `p${i % 3}`;
      const step = i % 5 === 0 ? undefined : `s${i % 4}`;
      const trace = `t${i % 101}`;
      combinations.add(JSON.stringify([proc, step ?? null, trace]));
      lines += `${JSON.stringify({ proc, seq: Math.floor(i / 3) + 1, step, trace })}\n`;
    }
    await write(sender, lines);
    await finish(sender);
    const stats = await eventually(forwarder.stats, (s) => s.totals.processed === 5000);
    expect(stats.series).toBe(combinations.size);
  });

  it('lifts a stall at once and drains what was buffered', async () => {
    const forwarder = await preloaded(logLines('app', 1, 1000), 1000);
    expect(forwarder.stats().totals.processed).toBe(0);
    forwarder.setConfig({ sink: { mode: 'normal' } });
    const stats = await eventually(forwarder.stats, (s) => s.totals.processed === 1000);
    expect(stats.buffered).toBe(0);
  });

  it('leaves a very slow event behind when the mode changes', async () => {
    const forwarder = await preloaded(logLines('app', 1, 1000), 1000);
    forwarder.setConfig({ sink: { mode: 'fixed', perEventUs: 60_000_000 } });
    await eventually(forwarder.stats, (s) => s.totals.processed === 1);
    forwarder.setConfig({ sink: { mode: 'normal' } });
    await eventually(forwarder.stats, (s) => s.totals.processed === 1000);
  });
});
