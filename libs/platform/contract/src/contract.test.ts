import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { bindLocal, defineContract, DomainError } from './index.js';

const echo = defineContract({
  name: 'echo',
  operations: {
    shout: { input: z.object({ text: z.string().min(1) }), output: z.object({ text: z.string() }) },
  },
});

describe('bindLocal', () => {
  it('calls the implementation with the parsed input', async () => {
    const api = bindLocal(echo, { shout: async ({ text }) => ({ text: text.toUpperCase() }) });
    await expect(api.shout({ text: 'hi' })).resolves.toEqual({ text: 'HI' });
  });

  it('rejects input that breaks the contract with a validation error naming the field', async () => {
    const api = bindLocal(echo, { shout: async ({ text }) => ({ text }) });
    const error = await api.shout({ text: '' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).status).toBe(400);
    expect((error as DomainError).message).toMatch(/^text:/);
  });

  it('refuses an implementation missing an operation', () => {
    expect(() => bindLocal(echo, {} as never)).toThrow(/shout/);
  });
});

describe('DomainError', () => {
  it('serialises to the public error shape', () => {
    const error = new DomainError('conflict', 409, 'taken', { key: 'k' });
    expect(error.toJSON()).toEqual({ error: { code: 'conflict', message: 'taken', details: { key: 'k' } } });
  });
});
