import { describe, expect, it } from 'vitest';
import { parseProcUsage, readProcUsage } from './proc-usage.js';

describe('readProcUsage', () => {
  it("reads this test's own process from the real /proc: CPU grows with work, RSS matches Node's own figure", async () => {
    const before = await readProcUsage(process.pid);
    expect(before).not.toBeNull();
    // Burn ~200 ms of CPU: 20 clock ticks, far above the 10 ms resolution.
    const until = process.cpuUsage().user + 200_000;
    while (process.cpuUsage().user < until) Math.sqrt(Math.random());
    const after = await readProcUsage(process.pid);
    const grown = (after?.cpuSeconds ?? 0) - (before?.cpuSeconds ?? 0);
    expect(grown).toBeGreaterThan(0.1);
    expect(grown).toBeLessThan(5);
    const rss = process.memoryUsage.rss();
    expect(after?.rssBytes).toBeGreaterThan(rss / 2);
    expect(after?.rssBytes).toBeLessThan(rss * 2);
  });

  it('is null for a process that does not exist', async () => {
    expect(await readProcUsage(2 ** 22 + 12345)).toBeNull();
  });

  it('counts fields after the last parenthesis (a command name may hold spaces and parentheses)', () => {
    const stat = '42 (node (a) b) S 1 42 42 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 11 0 99 1000 3000 0';
    expect(parseProcUsage(stat, '1000 3000 500 1 0 200 0', 100, 4096)).toEqual({
      cpuSeconds: 3,
      rssBytes: 3000 * 4096,
    });
  });
});
