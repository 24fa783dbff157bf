import { describe, expect, it } from 'vitest';
import { ReleaseScheduler, SPIN_BELOW_MS, type Waiter } from './release-scheduler.js';

/** A clock the test moves by hand; every wake-up is checked against it. */
function fakeClock() {
  let now = 0;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

/** Waiters that note, at their release, their name and the clock's time. */
function recorder(clock: { now(): number }) {
  const released: { name: string; at: number }[] = [];
  const waiter = (name: string): Waiter => ({ release: () => released.push({ name, at: clock.now() }) });
  return { released, waiter };
}

/** Lets the event loop turn until `done` holds (the scheduler's timers and setImmediate turns run), at most 2 s. */
async function turnsUntil(done: () => boolean, onTurn: () => void): Promise<void> {
  const until = Date.now() + 2_000;
  while (!done() && Date.now() < until) {
    onTurn();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('ReleaseScheduler (one delay queue per proxy)', () => {
  it('never releases a waiter before its deadline, and releases due waiters earliest first', async () => {
    const clock = fakeClock();
    const scheduler = new ReleaseScheduler(clock.now);
    const { released, waiter } = recorder(clock);
    // Sub-millisecond deadlines, out of order, closer than a timer tick: each must wait for its own.
    scheduler.wakeAt(waiter('c'), 0.9);
    scheduler.wakeAt(waiter('a'), 0.3);
    scheduler.wakeAt(waiter('b'), 0.5);
    await turnsUntil(
      () => released.length === 3,
      () => clock.advance(0.05),
    );
    expect(released.map((r) => r.name)).toEqual(['a', 'b', 'c']);
    const deadlines: Record<string, number> = { a: 0.3, b: 0.5, c: 0.9 };
    for (const r of released) expect(r.at).toBeGreaterThanOrEqual(deadlines[r.name] as number);
    expect(scheduler.waiting).toBe(0);
  });

  it('keeps one deadline per waiter (the newest), forgets a cancelled one, and leaves no handle once closed', async () => {
    const clock = fakeClock();
    const scheduler = new ReleaseScheduler(clock.now);
    const { released, waiter } = recorder(clock);
    const moved = waiter('moved');
    const dropped = waiter('dropped');
    scheduler.wakeAt(moved, 0.2);
    scheduler.wakeAt(moved, 1.5);
    scheduler.wakeAt(dropped, 0.1);
    scheduler.cancel(dropped);
    expect(scheduler.waiting).toBe(1);
    await turnsUntil(
      () => released.length === 1,
      () => clock.advance(0.1),
    );
    expect(released).toHaveLength(1);
    expect(released[0]?.name).toBe('moved');
    expect(released[0]?.at).toBeGreaterThanOrEqual(1.5);

    // A deadline far away sleeps on a timer (no turn-by-turn wait); close() drops it.
    scheduler.wakeAt(waiter('far'), clock.now() + 60_000 + SPIN_BELOW_MS);
    scheduler.close();
    expect(scheduler.waiting).toBe(0);
    scheduler.wakeAt(waiter('after close'), 0);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(released.map((r) => r.name)).toEqual(['moved']);
  });
});
