import { describe, expect, it } from 'vitest';
import { EventBuffer } from './event-buffer.js';

describe('EventBuffer', () => {
  it('is a FIFO that refuses items beyond its capacity', () => {
    const buffer = new EventBuffer<number>(3);
    expect([1, 2, 3, 4].map((n) => buffer.tryPush(n))).toEqual([true, true, true, false]);
    expect(buffer.isFull).toBe(true);
    expect(buffer.shift()).toBe(1);
    expect(buffer.tryPush(5)).toBe(true);
    expect([buffer.shift(), buffer.shift(), buffer.shift(), buffer.shift()]).toEqual([2, 3, 5, undefined]);
  });

  it('keeps what it holds when the capacity shrinks below its size', () => {
    const buffer = new EventBuffer<number>(10_000);
    for (let i = 0; i < 5000; i++) {
      buffer.tryPush(i);
      if (i % 2 === 0) buffer.shift();
    }
    buffer.capacity = 2;
    expect(buffer.size).toBe(2500);
    expect(buffer.tryPush(-1)).toBe(false);
    expect(buffer.shift()).toBe(2500);
  });
});
