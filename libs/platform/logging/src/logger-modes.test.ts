import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/**
 * Each mode run in a real child process whose stdout is a pipe nobody reads: what happens to the
 * event loop and to the lines is the mechanism the whole benchmark rests on.
 */
function runChild(mode: string): Promise<{ ticks: number; emitted: number; dropped: number }> {
  const source = `
    import { writeSync } from 'node:fs';
    import { createLogger } from ${JSON.stringify(new URL('./create-logger.ts', import.meta.url).pathname)};
    const log = createLogger({ processName: 'child', mode: ${JSON.stringify(mode)}, maxBufferBytes: 64 * 1024 });
    let ticks = 0;
    const timer = setInterval(() => { ticks++; }, 10);
    const line = 'x'.repeat(200);
    const writer = setInterval(() => { for (let i = 0; i < 200; i++) log.logger.info({ line }); }, 5);
    setTimeout(() => {
      clearInterval(timer); clearInterval(writer);
      // Report synchronously, then die at once: a normal exit would run pino's exit-time
      // flushSync, which itself blocks on the full pipe.
      writeSync(2, JSON.stringify({ ticks, ...log.stats() }) + '\\n');
      process.kill(process.pid, 'SIGKILL');
    }, 1500);
  `;
  return new Promise((resolve, reject) => {
    // stdout is a pipe we never read: after ~64-200 KiB the child's writes cannot complete.
    const child = spawn(process.execPath, ['--input-type=module', '-e', source], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pause();
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d));
    const killer = setTimeout(() => child.kill('SIGKILL'), 4_000);
    child.on('exit', () => {
      clearTimeout(killer);
      const line = err.trim().split('\n').pop() ?? '';
      try {
        resolve(line.startsWith('{') ? JSON.parse(line) : { ticks: 0, emitted: -1, dropped: -1 });
      } catch (error) {
        reject(error);
      }
    });
  });
}

describe('logger modes against a stdout nobody reads', () => {
  it('sync: the event loop stalls (the child never even reports)', async () => {
    const result = await runChild('sync');
    expect(result.emitted).toBe(-1);
  });

  it('async: the event loop keeps running, nothing is dropped (memory takes it)', async () => {
    const result = await runChild('async');
    expect(result.ticks).toBeGreaterThan(50);
    expect(result.dropped).toBe(0);
    expect(result.emitted).toBeGreaterThan(10_000);
  });

  it('async-bounded: the event loop keeps running and the overflow is dropped and counted', async () => {
    const result = await runChild('async-bounded');
    expect(result.ticks).toBeGreaterThan(50);
    expect(result.dropped).toBeGreaterThan(1_000);
    expect(result.dropped).toBeLessThan(result.emitted);
  });
});
