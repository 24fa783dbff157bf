import { describe, expect, it } from 'vitest';
import { linkedModules } from './linked-modules.js';

describe('auth-service', () => {
  it('links exactly the auth module, so every other module is reached through its contract', () => {
    expect(linkedModules.map((m) => m.name)).toEqual(['auth']);
  });
});
