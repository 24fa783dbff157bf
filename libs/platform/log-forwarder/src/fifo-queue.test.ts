import { describe, expect, it } from 'vitest';
import { FifoQueue } from './fifo-queue.js';

describe('FifoQueue', () => {
  it('gives items back in the order they came, then undefined', () => {
    const queue = new FifoQueue<string>();
    queue.push('a');
    queue.push('b');
    expect(queue.shift()).toBe('a');
    queue.push('c');
    const drained = [queue.length, queue.shift(), queue.shift(), queue.shift(), queue.length];
    expect(drained).toEqual([2, 'b', 'c', undefined, 0]);
  });

  it('keeps the order across the compactions of a long-lived backlog', () => {
    const queue = new FifoQueue<number>();
    const taken: number[] = [];
    for (let i = 0; i < 10_000; i++) {
      queue.push(i);
      if (i % 3 !== 0) taken.push(queue.shift() as number);
    }
    expect(queue.length).toBe(10_000 - taken.length);
    while (queue.length > 0) taken.push(queue.shift() as number);
    expect(taken).toEqual(Array.from({ length: 10_000 }, (_, i) => i));
  });
});
