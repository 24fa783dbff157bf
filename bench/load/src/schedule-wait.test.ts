import { describe, expect, it } from 'vitest';
import { EARLY_WAKE_MS, scheduleWait } from './schedule-wait.js';

describe('scheduleWait', () => {
  it('sets the timer early for a request far enough away, then waits out the last stretch turn by turn', () => {
    expect(scheduleWait(25, false)).toEqual({ kind: 'early-timer', ms: Math.floor(25 - EARLY_WAKE_MS) });
    // The early timer fired too soon by a fresh clock: another early timer, not minutes of turns.
    expect(scheduleWait(10, true)).toEqual({ kind: 'early-timer', ms: Math.floor(10 - EARLY_WAKE_MS) });
    expect(scheduleWait(1.2, true)).toEqual({ kind: 'turn' });
  });

  it('never leaves a request that is already due to a timer', () => {
    // The clock passed the due time between two readings: a 0 ms timer would send it a millisecond or more late.
    expect(scheduleWait(0, true)).toEqual({ kind: 'turn' });
    expect(scheduleWait(-0.01, true)).toEqual({ kind: 'turn' });
    expect(scheduleWait(-0.01, false)).toEqual({ kind: 'turn' });
  });

  it('sends requests close together with the plain timer (in small bursts: no turn-by-turn wait at high rates)', () => {
    expect(scheduleWait(0.4, false)).toEqual({ kind: 'timer', ms: 1 });
    expect(scheduleWait(EARLY_WAKE_MS + 1, false)).toEqual({ kind: 'timer', ms: Math.ceil(EARLY_WAKE_MS + 1) });
  });
});
