import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './index.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, stream };
}

describe('createLogger', () => {
  it('stamps every line with the process name and a gap-free sequence number', () => {
    const { lines, stream } = capture();
    const log = createLogger({ processName: 'risk', destination: stream, context: () => ({ trace: 't1' }) });
    log.logger.info('a');
    log.logger.child({ module: 'risk' }).info({ step: 'assess' }, 'b');
    expect(lines.map((l) => l.seq)).toEqual([1, 2]);
    expect(lines.every((l) => l.proc === 'risk' && l.trace === 't1')).toBe(true);
    expect(lines[1]).toMatchObject({ module: 'risk', step: 'assess', msg: 'b', level: 'info' });
    expect(log.stats()).toEqual({ mode: 'async', emitted: 2, dropped: 0 });
  });

  it('does not count lines below the level', () => {
    const { lines, stream } = capture();
    const log = createLogger({ processName: 'p', destination: stream, level: 'warn' });
    log.logger.info('hidden');
    log.logger.warn('shown');
    expect(lines).toHaveLength(1);
    expect(log.stats().emitted).toBe(1);
  });

  it('off: builds and writes no line, and counts none', () => {
    const { lines, stream } = capture();
    const log = createLogger({ processName: 'p', mode: 'off', destination: stream });
    log.logger.info('not written');
    log.logger.child({ module: 'risk' }).error({ step: 'assess' }, 'nor this');
    expect(lines).toEqual([]);
    expect(log.stats()).toEqual({ mode: 'off', emitted: 0, dropped: 0 });
  });
});
