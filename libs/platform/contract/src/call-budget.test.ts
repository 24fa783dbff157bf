import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { bindLocal, CallBudget, currentBudget, defineContract, runWithBudget, throwIfBudgetSpent } from './index.js';

const counter = defineContract({
  name: 'counter',
  operations: { bump: { input: z.object({}), output: z.object({ n: z.number() }) } },
});

function countingApi() {
  const state = { n: 0 };
  const api = bindLocal(counter, { bump: async () => ({ n: ++state.n }) });
  return { api, state };
}

describe('an in-process call under a request budget', () => {
  it('runs while the budget lasts, and outside any request', async () => {
    const { api, state } = countingApi();
    await api.bump({});
    await runWithBudget(new CallBudget(60_000), () => api.bump({}));
    expect(state.n).toBe(2);
  });

  it('does not start once the deadline has passed: 503 dependency_timeout naming the operation', async () => {
    const { api, state } = countingApi();
    const error = await runWithBudget(new CallBudget(0), () => api.bump({})).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'dependency_timeout',
      status: 503,
      details: { dependency: 'counter.bump', budget: 'spent' },
    });
    expect(state.n).toBe(0);
  });

  it('does not start once the caller is gone', async () => {
    const { api, state } = countingApi();
    const budget = new CallBudget(60_000);
    budget.cancel();
    await expect(runWithBudget(budget, () => api.bump({}))).rejects.toMatchObject({ code: 'caller_gone' });
    expect(state.n).toBe(0);
  });
});

describe('CallBudget', () => {
  it('counts down whole milliseconds and never below zero', () => {
    const budget = new CallBudget(5_000);
    expect(budget.remainingMs()).toBeLessThanOrEqual(5_000);
    expect(budget.remainingMs()).toBeGreaterThan(4_000);
    expect(new CallBudget(-10).remainingMs()).toBe(0);
  });

  it('gives handlers a signal that aborts when the caller leaves, with the reason', () => {
    const budget = new CallBudget(60_000);
    const signal = budget.signal;
    expect(signal.aborted).toBe(false);
    budget.cancel();
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toMatchObject({ code: 'caller_gone' });
  });

  it('gives handlers a signal that aborts at the deadline', async () => {
    const signal = new CallBudget(1).signal;
    await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
    expect(signal.aborted).toBe(true);
  });

  it('names the deadline as a TimeoutError, as AbortSignal.timeout does', async () => {
    const signal = new CallBudget(1).signal;
    await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
    expect(signal.reason).toMatchObject({ name: 'TimeoutError' });
  });

  it('gives every use the same signal: one per request, shared by all its calls', () => {
    const budget = new CallBudget(60_000);
    expect(budget.signal).toBe(budget.signal);
  });

  it('gives a signal made after the caller left already aborted, with the reason', () => {
    const budget = new CallBudget(60_000);
    budget.cancel();
    expect(budget.isCallerGone).toBe(true);
    expect(budget.signal.aborted).toBe(true);
    expect(budget.signal.reason).toMatchObject({ code: 'caller_gone' });
  });

  it('stops its deadline timer once released (the answer is out)', async () => {
    const budget = new CallBudget(20);
    const signal = budget.signal;
    budget.release();
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(signal.aborted).toBe(false);
  });

  it('is the current one only inside its request', async () => {
    const budget = new CallBudget(1_000);
    expect(currentBudget()).toBeUndefined();
    await runWithBudget(budget, async () => {
      await Promise.resolve();
      expect(currentBudget()).toBe(budget);
    });
    expect(() => throwIfBudgetSpent('anything')).not.toThrow();
  });
});
