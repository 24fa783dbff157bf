import { describe, expect, it } from 'vitest';
import { RESILIENCE_PRESETS, ResiliencePreset, resiliencePreset, resiliencePresetNames } from './index.js';

describe('the built-in presets', () => {
  it('are naive and resilient, each named by its key', () => {
    expect(resiliencePresetNames()).toEqual(['naive', 'resilient']);
    for (const [key, preset] of Object.entries(RESILIENCE_PRESETS)) expect(preset.name).toBe(key);
  });

  it('naive: the client timeout only, retries without backoff or budget, nothing else', () => {
    const naive = resiliencePreset('naive');
    expect(naive).toMatchObject({ deadline: 'ignore', fallbacks: false, retry: { backoff: { kind: 'none' } } });
    expect(naive.retry?.maxRetries).toBeGreaterThan(0);
    expect(naive.retry?.budget).toBeUndefined();
    expect(naive.attemptTimeoutMs).toBeUndefined();
    expect(naive.breaker).toBeUndefined();
    expect(naive.bulkhead).toBeUndefined();
  });

  it('resilient: the deadline, backoff with jitter within a budget, a breaker, a bulkhead and fallbacks', () => {
    const resilient = resiliencePreset('resilient');
    expect(resilient).toMatchObject({
      deadline: 'propagate',
      fallbacks: true,
      retry: { backoff: { kind: 'exponential' } },
    });
    expect(resilient.retry?.backoff).not.toMatchObject({ jitter: 'none' });
    expect(resilient.retry?.budget).toBeDefined();
    expect(resilient.breaker).toBeDefined();
    expect(resilient.bulkhead).toBeDefined();
  });

  it('refuses an unknown name, naming the known ones', () => {
    expect(() => resiliencePreset('heroic')).toThrow(/unknown resilience preset "heroic" \(known: naive, resilient\)/);
    expect(() => resiliencePreset('toString')).toThrow(/unknown/);
  });
});

describe('the preset schema', () => {
  const valid = { name: 'p', description: 'd', deadline: 'propagate', fallbacks: false };

  it('accepts a preset with no policy at all (every switch off)', () => {
    expect(ResiliencePreset.parse(valid)).toEqual(valid);
  });

  it.each([
    ['a misspelt key', { ...valid, retires: {} }],
    ['an unknown deadline mode', { ...valid, deadline: 'sometimes' }],
    ['a negative retry count', { ...valid, retry: { maxRetries: -1, backoff: { kind: 'none' } } }],
    [
      'an unknown jitter',
      { ...valid, retry: { maxRetries: 1, backoff: { kind: 'exponential', initialMs: 1, maxMs: 2, jitter: 'lots' } } },
    ],
    [
      'a budget ratio above 1',
      { ...valid, retry: { maxRetries: 1, backoff: { kind: 'none' }, budget: { ratio: 2, burst: 1 } } },
    ],
    ['a bulkhead of 0', { ...valid, bulkhead: { maxConcurrent: 0, maxQueued: 0 } }],
    ['a breaker without its half-open delay', { ...valid, breaker: { consecutiveFailures: 3 } }],
  ])('refuses %s', (_label, input) => {
    expect(ResiliencePreset.safeParse(input).success).toBe(false);
  });
});
