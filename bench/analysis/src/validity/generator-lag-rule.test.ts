import { describe, expect, it } from 'vitest';
import { judgeGeneratorLag } from './generator-lag-rule.js';

describe('judgeGeneratorLag', () => {
  it('allows 10% of the measured p99 between the floor and the ceiling', () => {
    expect(judgeGeneratorLag(4.9, 50)).toEqual({ limitMs: 5, exceeded: false });
    expect(judgeGeneratorLag(5.1, 50)).toEqual({ limitMs: 5, exceeded: true });
  });

  it('never asks for less than 2 ms (the floor): a fast system is not judged on timer granularity', () => {
    expect(judgeGeneratorLag(1.9, 7.8)).toEqual({ limitMs: 2, exceeded: false });
    expect(judgeGeneratorLag(2.1, 7.8)).toEqual({ limitMs: 2, exceeded: true });
  });

  it('never allows more than 10 ms, however slow the system (the second limb)', () => {
    expect(judgeGeneratorLag(9.9, 2_000)).toEqual({ limitMs: 10, exceeded: false });
    expect(judgeGeneratorLag(21.7, 2_000)).toEqual({ limitMs: 10, exceeded: true });
  });

  it('catches the case issue 14 names: 7.7 ms of lag against a 16.9 ms p99', () => {
    expect(judgeGeneratorLag(7.7, 16.9).exceeded).toBe(true);
  });
});
